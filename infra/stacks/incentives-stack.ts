import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { MAIN_TABLE } from '../../shared/store/tables.js';
import type { DeployConfig } from '../config.js';
import { ApiIdentity } from '../constructs/api-identity.js';
import { BUNDLED_CATALOG_FILE, CatalogPublication } from '../constructs/catalog-publication.js';
import { IncentivesApi } from '../constructs/incentives-api.js';
import { DefinedTable } from '../constructs/main-table.js';
import { ServiceAlarms } from '../constructs/service-alarms.js';
import { FUNCTION_ENTRIES, LAMBDA_TASK_ROOT, ServiceFunction } from '../constructs/service-function.js';
import { API_ROUTES } from '../routes.js';

export interface IncentivesStackProps extends StackProps {
  config: DeployConfig;
  /** The catalog built at synth: its content hash, the JSON file holding it and the SHA-256 of that file's bytes. */
  catalog: { version: string; file: string; sha256: string };
  /** The chat lexicon validated at synth, as JSON (infra/lambda-data.ts). */
  lexiconFile: string;
}

/** File name of the chat lexicon inside the API function's bundle. */
export const BUNDLED_LEXICON_FILE = 'lexicon.json';

/**
 * The whole service in one stack: the table, the staff/chatbot identity, the
 * API function behind an HTTP API, the catalog published at deploy, alarms.
 */
export class IncentivesStack extends Stack {
  constructor(scope: Construct, id: string, props: IncentivesStackProps) {
    super(scope, id, props);
    const { config } = props;

    const main = new DefinedTable(this, 'Main', MAIN_TABLE);
    const { table } = main;

    const identity = new ApiIdentity(this, 'Identity', {
      stage: config.stage,
      ...(config.authDomainPrefix ? { domainPrefix: config.authDomainPrefix } : {}),
      staffCallbackUrls: config.staffCallbackUrls,
    });

    const publication = new CatalogPublication(this, 'Catalog', {
      table: main,
      catalogVersion: props.catalog.version,
      catalogFile: props.catalog.file,
      logRetention: config.logRetentionDays,
    });

    const api = new ServiceFunction(this, 'Api', {
      entry: FUNCTION_ENTRIES.api,
      description: 'Luohu incentives API: the Hono app behind API Gateway',
      // The engine evaluates every clause per request in memory and a cold
      // start unzips and parses the catalog: CPU-bound work, and Lambda gives
      // CPU in proportion to memory (below 1,769 MB a function gets a share of
      // one vCPU). At 1 GB such work runs about twice as fast as at 512 MB, so
      // the cost per request stays about the same while latency halves.
      // Revisit with the numbers in bench/.
      memorySize: 1024,
      // Far above a warm request (tens of ms) and a cold start (~1 s), well
      // below API Gateway's 30 s integration limit: a stuck DynamoDB call
      // fails as a clean 5xx instead of holding a connection open for 30 s.
      timeout: Duration.seconds(10),
      serviceName: 'luohu-incentives-api',
      logRetention: config.logRetentionDays,
      // The app reads its catalog and chat lexicon from the bundle, not from
      // the network, so a cold start needs no DynamoDB call; and as the JSON
      // validated at synth, not as the YAML seeds, so the bundle carries no
      // YAML parser and a cold start parses no YAML.
      bundledFiles: [
        { source: props.catalog.file, target: BUNDLED_CATALOG_FILE },
        { source: props.lexiconFile, target: BUNDLED_LEXICON_FILE },
      ],
      environment: {
        STAGE: config.stage,
        TABLE_NAME: table.tableName,
        // The catalog this deploy published (and bundled). A new catalog
        // changes this value and the bundle, so Lambda starts fresh execution
        // environments with it.
        CATALOG_VERSION: props.catalog.version,
        CATALOG_FILE: `${LAMBDA_TASK_ROOT}/${BUNDLED_CATALOG_FILE}`,
        // The file is checked against this instead of being re-validated at cold start (functions/lambda.ts).
        CATALOG_SHA256: props.catalog.sha256,
        LEXICON_FILE: `${LAMBDA_TASK_ROOT}/${BUNDLED_LEXICON_FILE}`,
        COGNITO_USER_POOL_ID: identity.userPool.userPoolId,
        COGNITO_ISSUER: identity.issuerUrl,
        COGNITO_STAFF_CLIENT_ID: identity.staffClient.userPoolClientId,
      },
    });
    main.grantStoreAccess(api.function, { indexes: true });
    // The API must never run against a catalog version that is not in the table yet.
    api.function.node.addDependency(publication);

    const httpApi = new IncentivesApi(this, 'Http', {
      handler: api.function,
      identity,
      routes: API_ROUTES,
      logRetention: config.logRetentionDays,
      allowedOrigins: config.allowedOrigins,
    });

    const alarms = new ServiceAlarms(this, 'Alarms', {
      stage: config.stage,
      httpApi: httpApi.httpApi,
      apiFunction: api.function,
      table,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
    });

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('ApiUrl', httpApi.url, 'Base URL of the API (append /health, /v1/...)');
    output('TableName', table.tableName, 'DynamoDB table holding cases and published catalogs');
    output('CatalogVersion', props.catalog.version, 'Catalog version published by this deploy');
    output('UserPoolId', identity.userPool.userPoolId, 'Cognito user pool of service-center staff');
    output(
      'StaffClientId',
      identity.staffClient.userPoolClientId,
      'App client the staff portal signs in with',
    );
    output('ChatbotClientId', identity.chatbotClient.userPoolClientId, 'App client of the 罗i企 chatbot');
    output('ChatbotScope', identity.chatbotScope, 'Scope the chatbot requests with client credentials');
    output('TokenEndpoint', identity.tokenEndpoint, 'OAuth 2.0 token endpoint (client credentials)');
    output('JwtIssuer', identity.issuerUrl, 'Issuer of staff and chatbot tokens');
    output('AlarmTopicArn', alarms.topic.topicArn, 'SNS topic every alarm notifies');
  }
}
