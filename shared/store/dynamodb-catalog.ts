import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { buildCatalog, type Catalog, CatalogError } from '../catalog/catalog.js';
import { gunzipJson, gzipJson } from './codec.js';
import { attempt, documentClient, isConditionFailed, queryAll, storeError } from './dynamodb.js';
import { CatalogIntegrityError, CatalogVersionNotFound } from './errors.js';
import type { CatalogStore } from './ports.js';

// CatalogStore on DynamoDB. A catalog version is its content hash, so a
// published version never changes: replaying a case months later reads the very
// clauses it was decided with. The gzip JSON body is cut into parts below the
// 400 KB item limit. Parts are written first, under a fresh publish id, and the
// header that names that id last, with attribute_not_exists: a version is
// visible only when complete, and two publishers racing never mix their parts.

const HEADER_SK = 'CATALOG';
/** Well below the 400 KB item limit, leaving room for keys and attribute names. */
const PART_BYTES = 256 * 1024;
const pkOf = (version: string) => `CATALOG#${version}`;
const POINTER_KEY = { pk: 'CATALOG', sk: 'CURRENT' };

type CatalogBody = Omit<Catalog, 'version'>;

export class DynamoCatalogStore implements CatalogStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
    private readonly partBytes = PART_BYTES,
  ) {
    this.doc = documentClient(client);
  }

  private async header(version: string) {
    const found = await attempt('GetItem catalog', () =>
      this.doc.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { pk: pkOf(version), sk: HEADER_SK },
          ConsistentRead: true,
        }),
      ),
    );
    return found.Item as { publishId: string; parts: number } | undefined;
  }

  async publish(catalog: Catalog, publishedAt: Date): Promise<void> {
    if (await this.header(catalog.version)) return;
    const { version, ...body } = catalog;
    const gz = gzipJson(body satisfies CatalogBody);
    const publishId = randomBytes(6).toString('hex');
    const parts = Math.max(1, Math.ceil(gz.length / this.partBytes));
    for (let n = 0; n < parts; n++) {
      const slice = gz.subarray(n * this.partBytes, (n + 1) * this.partBytes);
      await attempt('PutItem catalog part', () =>
        this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { pk: pkOf(version), sk: `PART#${publishId}#${String(n).padStart(4, '0')}`, body: slice },
          }),
        ),
      );
    }
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: pkOf(version),
            sk: HEADER_SK,
            version,
            publishId,
            parts,
            bytes: gz.length,
            clauses: catalog.clauses.length,
            publishedAt: publishedAt.toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // Another publisher completed this version first; its parts are the ones read.
      if (!isConditionFailed(error)) throw storeError(error, 'PutItem catalog');
    }
  }

  async get(version: string): Promise<Catalog> {
    const header = await this.header(version);
    if (!header) throw new CatalogVersionNotFound(version);
    const parts = await queryAll(
      this.doc,
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pkOf(version), ':prefix': `PART#${header.publishId}#` },
        ConsistentRead: true,
      },
      'Query catalog parts',
    );
    const slices = parts.map((item) => item.body as Uint8Array);
    if (slices.length !== header.parts)
      throw new CatalogIntegrityError(`catalog ${version}: ${slices.length} of ${header.parts} parts found`);

    let catalog: Catalog;
    try {
      const body = gunzipJson<CatalogBody>(Buffer.concat(slices));
      // Rebuilt through the same validation as the seeds, which also recomputes
      // the content hash: a body that does not hash to its version is refused.
      catalog = buildCatalog({ ...body, clauses: [body.clauses] });
    } catch (error) {
      if (
        error instanceof CatalogError ||
        error instanceof SyntaxError ||
        (error as { code?: string }).code?.startsWith('Z_')
      )
        throw new CatalogIntegrityError(`catalog ${version} does not load`, { cause: error });
      throw error;
    }
    if (catalog.version !== version)
      throw new CatalogIntegrityError(`catalog filed as ${version} hashes to ${catalog.version}`);
    return catalog;
  }

  async setCurrent(version: string, at: Date): Promise<void> {
    // The pointer may only name a complete version; checked first because one
    // write cannot condition on another item.
    if (!(await this.header(version))) throw new CatalogVersionNotFound(version);
    await attempt('PutItem catalog pointer', () =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...POINTER_KEY, version, updatedAt: at.toISOString() },
        }),
      ),
    );
  }

  async currentVersion(): Promise<string | undefined> {
    const found = await attempt('GetItem catalog pointer', () =>
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: POINTER_KEY, ConsistentRead: true })),
    );
    return found.Item?.version as string | undefined;
  }
}
