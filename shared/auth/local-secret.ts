import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The HS256 secret shared by the token CLI and the local server. Taken from
// STAFF_TOKEN_SECRET when set; otherwise generated once into .data/ (git-ignored)
// so that no secret is ever committed and every checkout has its own.

export const LOCAL_SECRET_FILE = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../.data/staff-token-secret',
);
const MIN_SECRET_BYTES = 32;

export function loadLocalStaffSecret(
  env: Record<string, string | undefined> = process.env,
  file = LOCAL_SECRET_FILE,
): Uint8Array {
  const fromEnv = env.STAFF_TOKEN_SECRET;
  if (fromEnv !== undefined) {
    const secret = Buffer.from(fromEnv, 'utf8');
    if (secret.length < MIN_SECRET_BYTES)
      throw new Error(`STAFF_TOKEN_SECRET must be at least ${MIN_SECRET_BYTES} bytes for HS256`);
    return secret;
  }
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  // Written aside and linked into place: link fails if the file exists, so when
  // the CLI and the server start together the first one wins, and nobody can
  // read a half-written secret.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, randomBytes(MIN_SECRET_BYTES).toString('base64url'), { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
}
