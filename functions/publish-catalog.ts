import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type {
  CloudFormationCustomResourceCreateEvent,
  CloudFormationCustomResourceEvent,
  CloudFormationCustomResourceResponse,
  CloudFormationCustomResourceUpdateEvent,
} from 'aws-lambda';
import { type Catalog, catalogFromJson } from '../shared/catalog/catalog.js';
import { DynamoCatalogStore } from '../shared/store/dynamodb-catalog.js';
import type { CatalogStore } from '../shared/store/ports.js';

// CloudFormation custom resource `Custom::CatalogPublication` (infra/constructs/
// catalog-publication.ts): on create and update, publishes the catalog bundled
// next to this file and points the live catalog at it. CloudFormation calls the
// function directly and waits for the answer at `ResponseURL`, so every path
// ends in exactly one answer, success or failure.

export interface PublicationProperties {
  tableName: string;
  catalogVersion: string;
}

export interface PublicationDeps {
  store: CatalogStore;
  /** The catalog in this bundle, built from seeds/ at synth. */
  bundled: () => Catalog;
  now: () => Date;
}

/**
 * What the publication did; returned to CloudFormation as `Data`. On stack
 * deletion everything is kept: cases replay against the versions they were
 * decided with, and the table outlives the stack.
 */
export interface PublicationResult {
  version: string;
  action: 'published' | 'repointed' | 'kept';
}

type PublishingEvent = CloudFormationCustomResourceCreateEvent | CloudFormationCustomResourceUpdateEvent;

function properties(event: PublishingEvent): PublicationProperties {
  const { tableName, catalogVersion } = event.ResourceProperties as Record<string, unknown>;
  if (typeof tableName !== 'string' || !tableName) throw new Error('property tableName is missing');
  if (typeof catalogVersion !== 'string' || !/^[0-9a-f]{16}$/.test(catalogVersion))
    throw new Error(`property catalogVersion is not a catalog version: ${String(catalogVersion)}`);
  return { tableName, catalogVersion };
}

/**
 * Publishes the bundled catalog when it is the requested version; otherwise (a
 * rollback asking for an older version that this bundle no longer carries)
 * only moves the pointer to it, which works because published versions are
 * kept.
 */
export async function applyPublication(
  event: PublishingEvent,
  deps: PublicationDeps,
): Promise<PublicationResult> {
  const { catalogVersion } = properties(event);
  const now = deps.now();
  const bundled = deps.bundled();
  if (bundled.version === catalogVersion) {
    await deps.store.publish(bundled, now);
    await deps.store.setCurrent(catalogVersion, now);
    return { version: catalogVersion, action: 'published' };
  }
  await deps.store.get(catalogVersion); // throws when it was never published
  await deps.store.setCurrent(catalogVersion, now);
  return { version: catalogVersion, action: 'repointed' };
}

/** The answer CloudFormation expects; its physical id never changes, so updates never trigger a delete. */
export function customResourceResponse(
  event: CloudFormationCustomResourceEvent,
  outcome: { ok: true; result: PublicationResult } | { ok: false; reason: string },
): CloudFormationCustomResourceResponse {
  const physicalResourceId =
    event.RequestType === 'Create'
      ? `catalog-publication-${event.LogicalResourceId}`
      : event.PhysicalResourceId;
  const common = {
    PhysicalResourceId: physicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  };
  return outcome.ok
    ? { ...common, Status: 'SUCCESS', Data: { ...outcome.result } }
    : // CloudFormation shows Reason in the stack events; keep it short and free of SDK dumps.
      { ...common, Status: 'FAILED', Reason: outcome.reason.slice(0, 500) };
}

async function answer(url: string, response: CloudFormationCustomResourceResponse): Promise<void> {
  const body = JSON.stringify(response);
  // The pre-signed S3 URL is signed without a content type: send none.
  const res = await fetch(url, {
    method: 'PUT',
    body,
    headers: { 'content-type': '', 'content-length': String(Buffer.byteLength(body)) },
  });
  if (!res.ok) throw new Error(`CloudFormation response was refused: HTTP ${res.status}`);
}

/**
 * The catalog infra/app.ts wrote at synth and the bundling copied next to this
 * file, rebuilt through the same validation as the seeds: the content hash is
 * recomputed, so a damaged file can never be published under a good version.
 */
export function readBundledCatalog(file: URL = new URL('./catalog.json', import.meta.url)): Catalog {
  return catalogFromJson(readFileSync(file, 'utf8'));
}

export function createHandler(makeDeps: (props: PublicationProperties) => PublicationDeps) {
  return async (event: CloudFormationCustomResourceEvent): Promise<void> => {
    let response: CloudFormationCustomResourceResponse;
    try {
      const result: PublicationResult =
        event.RequestType === 'Delete'
          ? { version: '', action: 'kept' }
          : await applyPublication(event, makeDeps(properties(event)));
      console.info(
        JSON.stringify({ message: 'catalog publication', requestType: event.RequestType, ...result }),
      );
      response = customResourceResponse(event, { ok: true, result });
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      console.error(
        JSON.stringify({ message: 'catalog publication failed', requestType: event.RequestType, reason }),
      );
      response = customResourceResponse(event, { ok: false, reason });
    }
    await answer(event.ResponseURL, response);
  };
}

const client = new DynamoDBClient({
  maxAttempts: 5,
  ...(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
});

export const handler = createHandler((props) => ({
  store: new DynamoCatalogStore(client, props.tableName),
  bundled: () => readBundledCatalog(),
  now: () => new Date(),
}));
