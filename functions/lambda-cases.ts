import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type CognitoVerifierOptions, jwksKeys } from '../shared/auth/cognito-token.js';
import { dynamoStores, type Stores } from '../shared/store/dynamodb-stores.js';
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
  let stores: Stores | undefined;
  let cognito: CognitoVerifierOptions | undefined;
  return {
    stores: () =>
      (stores ??= dynamoStores(
        new DynamoDBClient({
          // Creation retries writes itself (idempotently); a few SDK retries
          // absorb throttling without holding a request for long.
          maxAttempts: 3,
          ...(configured().dynamoDbEndpoint ? { endpoint: configured().dynamoDbEndpoint } : {}),
        }),
        configured().tableName,
      )),
    authenticate: cognitoStaffTokens(
      () =>
        (cognito ??= {
          ...configured().cognito,
          keys: jwksKeys(`${configured().cognito.issuer}/.well-known/jwks.json`),
        }),
    ),
  };
}
