import { type CognitoVerifierOptions, jwksKeys } from '../shared/auth/cognito-token.js';
import type { Stores } from '../shared/store/dynamodb-stores.js';
import { type CaseRoutesOptions, cognitoStaffTokens } from './routes/cases.js';

// The cases routes as the Lambda runs them: the table and the Cognito user pool
// named by the environment the CDK stack sets (infra/stacks/incentives-stack.ts).
// Read on the first cases request, not at cold start, so that the matching API
// keeps working even if this configuration is broken; a missing variable then
// fails that request loudly (a logged 500 naming the variable).

export const CASES_ENV = ['TABLE_NAME', 'COGNITO_ISSUER', 'COGNITO_STAFF_CLIENT_ID'] as const;

export interface LambdaCasesConfig {
  tableName: string;
  cognito: Omit<CognitoVerifierOptions, 'keys'>;
  dynamoDbEndpoint?: string;
}

export function lambdaCasesConfig(env: Record<string, string | undefined> = process.env): LambdaCasesConfig {
  const missing = CASES_ENV.filter((name) => !env[name]);
  if (missing.length) throw new Error(`cases are not configured: ${missing.join(', ')} not set`);
  const issuer = (env.COGNITO_ISSUER as string).replace(/\/+$/, '');
  return {
    tableName: env.TABLE_NAME as string,
    cognito: { issuer, clientId: env.COGNITO_STAFF_CLIENT_ID as string },
    ...(env.DYNAMODB_ENDPOINT ? { dynamoDbEndpoint: env.DYNAMODB_ENDPOINT } : {}),
  };
}

export function lambdaCaseRoutesOptions(
  env: Record<string, string | undefined> = process.env,
): CaseRoutesOptions {
  let config: LambdaCasesConfig | undefined;
  const configured = () => (config ??= lambdaCasesConfig(env));
  let stores: Promise<Stores> | undefined;
  const loaded = () => (stores ??= loadDynamoStores(configured()));
  let cognito: CognitoVerifierOptions | undefined;
  return {
    stores: () => storesLoadedOnFirstCall(loaded),
    authenticate: cognitoStaffTokens(
      () =>
        (cognito ??= {
          ...configured().cognito,
          keys: jwksKeys(`${configured().cognito.issuer}/.well-known/jwks.json`),
        }),
    ),
  };
}

async function loadDynamoStores({ tableName, dynamoDbEndpoint }: LambdaCasesConfig): Promise<Stores> {
  const [{ DynamoDBClient }, { dynamoStores }] = await Promise.all([
    import('@aws-sdk/client-dynamodb'),
    import('../shared/store/dynamodb-stores.js'),
  ]);
  return dynamoStores(
    new DynamoDBClient({
      // Creation retries writes itself (idempotently); a few SDK retries
      // absorb throttling without holding a request for long.
      maxAttempts: 3,
      ...(dynamoDbEndpoint ? { endpoint: dynamoDbEndpoint } : {}),
    }),
    tableName,
  );
}

/**
 * Stores whose every call first awaits `load`. The AWS SDK is about a third of
 * the API bundle and half of its import time (bench/lambda.ts), and only the
 * cases routes use it: loaded on their first store call, it is not parsed or
 * evaluated on a cold start that only matches. Every port method is async, so
 * deferring the load changes no signature; an added port method fails to
 * type-check here until it is listed.
 */
function storesLoadedOnFirstCall(load: () => Promise<Stores>): Stores {
  return {
    cases: {
      create: async (creation) => (await load()).cases.create(creation),
      get: async (caseId) => (await load()).cases.get(caseId),
      append: async (caseId, entry) => (await load()).cases.append(caseId, entry),
      list: async (filter) => (await load()).cases.list(filter),
    },
    idempotency: {
      claim: async (record, now) => (await load()).idempotency.claim(record, now),
    },
    catalogs: {
      publish: async (catalog, publishedAt) => (await load()).catalogs.publish(catalog, publishedAt),
      get: async (version) => (await load()).catalogs.get(version),
      setCurrent: async (version, at) => (await load()).catalogs.setCurrent(version, at),
      currentVersion: async () => (await load()).catalogs.currentVersion(),
    },
  };
}
