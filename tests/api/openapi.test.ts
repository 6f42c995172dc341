import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../functions/http/logger.js';
import { createLocalApp } from '../../functions/local.js';
import { type Contract, parseContract } from './contract.js';

// The contract (shared/docs/api-contract.md) against the /openapi.json that
// `npm start` serves: every path, parameter and field name of the contract must be there.

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
// The contract lives in the shared/ folder checked out beside this repository
// (as in CI, and as /work/shared beside /work/main).
const CONTRACT_FILE = join(repoRoot, '..', 'shared', 'docs', 'api-contract.md');
const hasContractFile = existsSync(CONTRACT_FILE);
// A parsed copy, for checkouts without shared/ beside them.
const snapshot = JSON.parse(readFileSync(join(here, 'fixtures/api-contract.json'), 'utf8')) as Contract;
const contract = hasContractFile ? parseContract(readFileSync(CONTRACT_FILE, 'utf8')) : snapshot;

type Schema = Record<string, unknown>;
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Schema>>;
  components: { schemas: Record<string, Schema> };
};

let doc: Doc;
let close: () => Promise<void>;
beforeAll(async () => {
  const local = await createLocalApp({ logger: silentLogger });
  close = local.close;
  const res = await local.app.request('/openapi.json');
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
});
afterAll(() => close?.());

function resolve(schema: Schema | undefined): Schema | undefined {
  const ref = schema?.$ref;
  return typeof ref === 'string' ? doc.components.schemas[ref.split('/').pop() as string] : schema;
}

/** Every property name reachable from a schema (through $ref, unions, arrays). */
function propertyNames(schema: Schema | undefined, seen = new Set<Schema>()): Set<string> {
  const names = new Set<string>();
  const s = resolve(schema);
  if (!s || seen.has(s)) return names;
  seen.add(s);
  const children: Schema[] = [];
  for (const [name, child] of Object.entries((s.properties as Record<string, Schema>) ?? {})) {
    names.add(name);
    children.push(child);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) children.push(...((s[key] as Schema[]) ?? []));
  if (s.items) children.push(s.items as Schema);
  for (const child of children) for (const n of propertyNames(child, seen)) names.add(n);
  return names;
}

function jsonSchemaOf(part: Schema | undefined): Schema | undefined {
  const content = part?.content as Record<string, { schema: Schema }> | undefined;
  return content?.['application/json']?.schema;
}

function successResponse(operation: Schema): Schema | undefined {
  const responses = operation.responses as Record<string, Schema>;
  return responses['200'] ?? responses['201'];
}

describe('the contract, parsed', () => {
  it.skipIf(!hasContractFile)('matches the snapshot kept for checkouts without the contract file', () => {
    expect(snapshot).toEqual(contract);
  });

  it('has the operations, profile fields and Policy fields it is known to have', () => {
    expect(contract.operations.length).toBeGreaterThanOrEqual(11);
    expect(contract.profileFields).toContain('listing.status');
    expect(contract.policyFields).toContain('leadDepartment');
    expect(contract.problemFields).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'errors', 'path', 'message']),
    );
  });
});

describe('/openapi.json', () => {
  it('is OpenAPI 3.1', () => {
    expect(doc.openapi).toBe('3.1.0');
  });

  for (const op of contract.operations) {
    const key = `${op.method} ${op.path}`;
    it(`documents ${op.method.toUpperCase()} ${op.path} with every contract field`, () => {
      const operation = doc.paths[op.path]?.[op.method];
      expect(operation, key).toBeDefined();
      if (!operation) return;
      const requestNames = propertyNames(jsonSchemaOf(operation.requestBody as Schema));
      for (const field of op.requestFields)
        expect([...requestNames], `${key} request ${field}`).toContain(field);
      const response = jsonSchemaOf(successResponse(operation));
      const responseNames = propertyNames(response);
      for (const field of op.responseFields)
        expect([...responseNames], `${key} response ${field}`).toContain(field);
      if (op.responseSchema) expect(response?.$ref).toBe(`#/components/schemas/${op.responseSchema}`);
      const params = (operation.parameters as { name: string; in: string }[] | undefined) ?? [];
      for (const q of op.queryParams)
        expect(
          params.filter((p) => p.in === 'query').map((p) => p.name),
          `${key} ?${q}`,
        ).toContain(q);
      for (const h of op.headers)
        expect(
          params.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()),
          `${key} header ${h}`,
        ).toContain(h.toLowerCase());
    });
  }

  it('documents every Policy field', () => {
    const names = propertyNames(doc.components.schemas.Policy);
    for (const field of contract.policyFields) expect([...names], field).toContain(field);
  });

  it('documents every profile field, nested ones at their path', () => {
    for (const field of contract.profileFields) {
      let schema = resolve(doc.components.schemas.Profile);
      for (const part of field.split('.'))
        schema = resolve((schema?.properties as Record<string, Schema> | undefined)?.[part]);
      expect(schema, `profile.${field}`).toBeDefined();
    }
  });

  it('documents the problem details fields', () => {
    const names = propertyNames(doc.components.schemas.Problem);
    for (const field of contract.problemFields) expect([...names], field).toContain(field);
  });

  it('documents x-request-id and problem+json on every response of every operation', () => {
    for (const [path, operations] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(operations)) {
        const responses = operation.responses as Record<string, Schema>;
        for (const [status, response] of Object.entries(responses)) {
          expect(Object.keys((response.headers as object) ?? {}), `${method} ${path} ${status}`).toContain(
            'x-request-id',
          );
          if (Number(status) >= 400)
            expect(Object.keys((response.content as object) ?? {})).toEqual(['application/problem+json']);
        }
        expect(Object.keys(responses), `${method} ${path}`).toEqual(expect.arrayContaining(['405', '500']));
      }
  });

  it('documents the limits on request fields', () => {
    const profile = doc.components.schemas.Profile as {
      properties: Record<string, Schema>;
      additionalProperties: unknown;
    };
    expect(profile.additionalProperties).toBe(false);
    expect(profile.properties.name?.maxLength).toBe(200);
    expect(profile.properties.designations?.maxItems).toBe(100);
    expect((doc.components.schemas.MatchRequest as Schema).additionalProperties).toBe(false);
  });
});
