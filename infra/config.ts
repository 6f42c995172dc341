import { RetentionDays } from 'aws-cdk-lib/aws-logs';

// Everything an operator may set per deployment, read once from CDK context
// (`cdk.json` or `npx cdk deploy -c key=value`). The defaults are cdk.json's
// context and nowhere else: a required key missing there fails the synth. A bad
// value fails it too, with a message naming the key, before anything reaches
// CloudFormation.

export interface DeployConfig {
  /** Names the stack (`LuohuIncentives-<stage>`) and prefixes physical names. */
  stage: string;
  /** Subscribed to the alarm topic when set; confirm the e-mail AWS sends. */
  alarmEmail?: string;
  /** Browser origins allowed by CORS; empty means same-origin only (the portal is served by the API). */
  allowedOrigins: string[];
  /** Retention of every log group (Lambda and API access logs). */
  logRetentionDays: RetentionDays;
  /** Prefix of the Cognito domain that serves /oauth2/token; must be unique in the region. */
  authDomainPrefix?: string;
  /** Where Cognito's managed login may send staff back after sign-in. */
  staffCallbackUrls: string[];
}

export type ContextReader = (key: string) => unknown;

function list(value: unknown, key: string): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  // `-c allowedOrigins=https://a,https://b` arrives as one string.
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  throw new Error(`context "${key}" must be a list of strings or a comma-separated string`);
}

function optionalString(value: unknown, key: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`context "${key}" must be a string`);
  return value;
}

function required<T>(value: T | undefined, key: string): T {
  if (value === undefined || (Array.isArray(value) && value.length === 0))
    throw new Error(`context "${key}" is not set (cdk.json's context sets it; override with -c ${key}=…)`);
  return value;
}

const VALID_RETENTION = new Set<number>(
  Object.values(RetentionDays).filter((v): v is number => typeof v === 'number'),
);

export function readDeployConfig(context: ContextReader): DeployConfig {
  const stage = required(optionalString(context('stage'), 'stage'), 'stage');
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage))
    throw new Error(`context "stage" must be lowercase letters, digits and dashes (max 20), got "${stage}"`);

  const alarmEmail = optionalString(context('alarmEmail'), 'alarmEmail');
  if (alarmEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail))
    throw new Error(`context "alarmEmail" is not an e-mail address: "${alarmEmail}"`);

  const allowedOrigins = list(context('allowedOrigins'), 'allowedOrigins');
  for (const origin of allowedOrigins)
    if (!/^https?:\/\/[^/]+$/.test(origin))
      throw new Error(`context "allowedOrigins": "${origin}" must be scheme://host[:port] with no path`);

  const retentionRaw = required(context('logRetentionDays') ?? undefined, 'logRetentionDays');
  const retention = Number(retentionRaw);
  if (!VALID_RETENTION.has(retention))
    throw new Error(
      `context "logRetentionDays" must be one of CloudWatch's retention values (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, …), got "${retentionRaw}"`,
    );

  const authDomainPrefix = optionalString(context('authDomainPrefix'), 'authDomainPrefix');
  if (authDomainPrefix && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(authDomainPrefix))
    throw new Error(`context "authDomainPrefix" must be lowercase letters, digits and dashes`);
  if (authDomainPrefix && /aws|amazon|cognito/.test(authDomainPrefix))
    throw new Error(
      `context "authDomainPrefix" may not contain "aws", "amazon" or "cognito" (Cognito rejects it)`,
    );

  const staffCallbackUrls = required(
    list(context('staffCallbackUrls'), 'staffCallbackUrls'),
    'staffCallbackUrls',
  );

  return {
    stage,
    ...(alarmEmail ? { alarmEmail } : {}),
    allowedOrigins,
    logRetentionDays: retention as RetentionDays,
    ...(authDomainPrefix ? { authDomainPrefix } : {}),
    staffCallbackUrls,
  };
}
