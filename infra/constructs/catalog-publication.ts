import { CustomResource, Duration } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { DefinedTable } from './main-table.js';
import { FUNCTION_ENTRIES, ServiceFunction } from './service-function.js';

export interface CatalogPublicationProps {
  table: DefinedTable;
  /** Content hash of the catalog built from seeds/ at synth. */
  catalogVersion: string;
  /** Absolute path of that catalog as JSON; copied next to the publisher's bundle. */
  catalogFile: string;
  logRetention: RetentionDays;
}

/** File name of the catalog inside the publisher's bundle (functions/publish-catalog.ts reads it). */
export const BUNDLED_CATALOG_FILE = 'catalog.json';

/**
 * Publishes the catalog in seeds/ to the table on every deploy that changes it:
 * a CloudFormation custom resource whose only property that moves is the
 * catalog version (the content hash), so CloudFormation calls the publisher
 * exactly when the catalog changed. Encoding a new plan is a YAML change and
 * `npx cdk deploy`; no code changes.
 *
 * The publisher is invoked by CloudFormation directly (no provider framework),
 * so the stack has no Lambda functions it does not build and test itself.
 */
export class CatalogPublication extends Construct {
  readonly publisher: ServiceFunction;
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: CatalogPublicationProps) {
    super(scope, id);
    this.publisher = new ServiceFunction(this, 'Publisher', {
      entry: FUNCTION_ENTRIES.catalogPublisher,
      description: 'Publishes the catalog built from seeds/ to DynamoDB at deploy (custom resource)',
      // Gzips a catalog of a few hundred KB and writes a handful of items:
      // little CPU, little memory.
      memorySize: 512,
      // A few DynamoDB writes take well under a second; the margin covers SDK
      // retries. CloudFormation waits up to an hour for a custom resource
      // that never answers, so the function must end (and answer) long before.
      timeout: Duration.minutes(2),
      serviceName: 'luohu-incentives-catalog-publisher',
      logRetention: props.logRetention,
      bundledFiles: [{ source: props.catalogFile, target: BUNDLED_CATALOG_FILE }],
    });
    // Reads and writes catalog items by key; never lists cases.
    props.table.grantStoreAccess(this.publisher.function, { indexes: false });

    this.resource = new CustomResource(this, 'Publication', {
      serviceToken: this.publisher.function.functionArn,
      resourceType: 'Custom::CatalogPublication',
      properties: {
        tableName: props.table.table.tableName,
        catalogVersion: props.catalogVersion,
      },
    });
  }
}
