import { parseArgs } from 'node:util';
import { loadLocalStaffSecret } from '../shared/auth/local-secret.js';
import { STAFF_ROLES, type StaffRole } from '../shared/auth/principal.js';
import { DEFAULT_TOKEN_TTL_SECONDS, signStaffToken } from '../shared/auth/staff-token.js';
import { FALLBACK_DEPARTMENT } from '../shared/cases/routing.js';

// `npm run -s token -- --role staff [--department 区科技创新局] [--sub alice] [--ttl 3600]`
// prints a staff bearer token that the local server (`npm start`) accepts: HS256
// with the secret in STAFF_TOKEN_SECRET or .data/staff-token-secret. A staff
// token without --department is for 区企业服务中心, which triages unrouted cases.

const USAGE =
  'usage: npm run -s token -- --role staff|admin [--department 区科技创新局] [--sub name] [--ttl seconds]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values: { role?: string; department?: string; sub?: string; ttl?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      role: { type: 'string' },
      department: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const role = values.role as StaffRole | undefined;
if (!role || !STAFF_ROLES.includes(role)) fail(`--role must be one of ${STAFF_ROLES.join(', ')}`);
const ttlSeconds = values.ttl === undefined ? DEFAULT_TOKEN_TTL_SECONDS : Number(values.ttl);
if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) fail('--ttl must be a positive number of seconds');
const department = values.department?.trim() || (role === 'staff' ? FALLBACK_DEPARTMENT : undefined);

const token = signStaffToken(
  { sub: values.sub ?? `local-${role}`, role, ...(department ? { department } : {}) },
  loadLocalStaffSecret(),
  { now: new Date(), ttlSeconds },
);
process.stdout.write(`${token}\n`);
