import { z } from 'zod';

// Who is asking. The routes turn a request's credentials into a Principal once;
// every access decision below works on this type, never on raw headers.

export const STAFF_ROLES = ['staff', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const StaffClaimsSchema = z.object({
  sub: z.string().min(1).max(256),
  role: z.enum(STAFF_ROLES),
  /** The department (牵头单位) whose cases a `staff` member works; admins may have none. */
  department: z.string().min(2).max(64).optional(),
});
export type StaffClaims = z.infer<typeof StaffClaimsSchema>;

export type Principal =
  | { kind: 'anonymous' }
  /** A company presenting a case's access token (not yet checked against any case). */
  | { kind: 'company'; accessToken: string }
  | ({ kind: 'staff' } & StaffClaims);

export const ANONYMOUS: Principal = { kind: 'anonymous' };

/** Credentials were presented but are not valid: the answer is 401, whatever was asked for. */
export class InvalidCredentials extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidCredentials';
  }
}

// Claims that API Gateway's JWT authorizer has already verified (Cognito user
// pool tokens). The CDK stack configures the authorizer and the user pool with
// exactly these names:
//   sub                 the user's stable id
//   cognito:groups      group membership; a user in `admin` is an admin, in `staff` a staff member
//   custom:department   custom user attribute: the department (e.g. 区科技创新局)
// HTTP APIs pass every claim as a string; an array claim such as cognito:groups
// arrives flattened as "[staff admin]", so both forms are read.
export const AUTHORIZER_CLAIMS = {
  subject: 'sub',
  groups: 'cognito:groups',
  department: 'custom:department',
} as const;

function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // Not JSON: API Gateway's "[a b]" form.
    }
    return trimmed
      .slice(1, -1)
      .split(/[\s,]+/)
      .filter(Boolean);
  }
  return trimmed.split(/[\s,]+/).filter(Boolean);
}

/**
 * The staff principal for claims an authorizer already verified. Returns
 * undefined when there are no claims (the route was called without a token).
 * Throws InvalidCredentials when the token is valid but names no staff group:
 * a signed-in user who is not staff has no business with cases.
 */
export function principalFromAuthorizerClaims(
  claims: Record<string, unknown> | undefined,
): Principal | undefined {
  if (!claims || Object.keys(claims).length === 0) return undefined;
  const groups = groupsOf(claims[AUTHORIZER_CLAIMS.groups]);
  const role: StaffRole | undefined = groups.includes('admin')
    ? 'admin'
    : groups.includes('staff')
      ? 'staff'
      : undefined;
  const department = claims[AUTHORIZER_CLAIMS.department];
  const parsed = StaffClaimsSchema.safeParse({
    sub: claims[AUTHORIZER_CLAIMS.subject],
    role,
    department: typeof department === 'string' && department.trim() ? department.trim() : undefined,
  });
  if (!parsed.success) throw new InvalidCredentials('token carries no staff role', { cause: parsed.error });
  return { kind: 'staff', ...parsed.data };
}
