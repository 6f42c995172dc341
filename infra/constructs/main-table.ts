import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  type Attribute,
  AttributeType,
  BillingMode,
  type CfnTable,
  Operation,
  ProjectionType,
  Table,
} from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { IndexDefinition, KeyDefinition, TableDefinition } from '../../shared/store/tables.js';
import { acceptFinding } from '../nag.js';

const ATTRIBUTE_TYPE: Record<KeyDefinition['type'], AttributeType> = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
  B: AttributeType.BINARY,
};

/**
 * The DynamoDB operations the stores in shared/store/ issue (their Get, Put,
 * Update and Query commands). IAM grants and the DynamoDB alarms follow this
 * list; tests/infra checks it against the stores' source.
 */
export const STORE_OPERATIONS: readonly Operation[] = [
  Operation.GET_ITEM,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.QUERY,
];

const PROJECTION_TYPE: Record<NonNullable<IndexDefinition['projection']>, ProjectionType> = {
  ALL: ProjectionType.ALL,
  KEYS_ONLY: ProjectionType.KEYS_ONLY,
};

function attribute(key: KeyDefinition): Attribute {
  return { name: key.name, type: ATTRIBUTE_TYPE[key.type] };
}

/**
 * A DynamoDB table built from the same definition the local store creates
 * (shared/store/tables.ts), so keys and indexes cannot drift between dynalite
 * and AWS. It holds the cases and the published catalogs: the state the
 * district must never lose, hence every protection on.
 */
export class DefinedTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, definition: TableDefinition) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: attribute(definition.partitionKey),
      ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
      // Traffic is small and spiky (office hours, campaigns): on-demand costs
      // nothing at idle and needs no capacity planning.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Two locks against losing the data: CloudFormation keeps the table when
      // the stack or the resource is deleted, and DynamoDB refuses a
      // DeleteTable call until someone turns protection off on purpose.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
    });
    for (const index of definition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        projectionType: PROJECTION_TYPE[index.projection ?? 'ALL'],
      });
    }
  }

  /**
   * Lets a function issue the store operations on the table and, when it lists
   * cases, on its indexes. Only those operations: no Scan, no DeleteItem, no
   * batch or table-level calls.
   */
  grantStoreAccess(fn: IFunction, options: { indexes: boolean }): void {
    const arn = this.table.tableArn;
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: STORE_OPERATIONS.map((operation) => `dynamodb:${operation}`),
        resources: options.indexes ? [arn, `${arn}/index/*`] : [arn],
      }),
    );
    if (!options.indexes) return;
    const tableLogicalId = Stack.of(this).getLogicalId(this.table.node.defaultChild as CfnTable);
    acceptFinding(
      fn,
      `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
      "The wildcard covers only this table's own secondary indexes (gsi1, gsi2), which the case lists query; index names are data in shared/store/tables.ts, not infrastructure.",
    );
  }
}
