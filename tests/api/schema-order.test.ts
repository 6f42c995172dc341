import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// @hono/zod-openapi adds `.openapi()` to zod when it is first imported, and zod
// copies such methods onto each schema as it is constructed: a schema built in
// shared/ (plain zod) before that import never gets one. Which module a process
// evaluates first depends on its entry point, so the API must not depend on it.
// Each order runs in its own Node process: a module graph is evaluated once.

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = join(REPO, 'tests/api/openapi-document.ts');

function openApiDocument(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    cwd: REPO,
    // The AWS SDK warns on stderr under Node 20; anything else there is a failure.
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(run.stderr, 'stderr').toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as { status: number; document: { components: { schemas: object } } };
}

describe('the API schemas', () => {
  it('build the same app and OpenAPI document when every shared/ module is evaluated first', () => {
    const sharedFirst = openApiDocument('--shared-first');
    const appFirst = openApiDocument();
    expect(sharedFirst.status).toBe(200);
    expect(Object.keys(sharedFirst.document.components.schemas)).toContain('Industry');
    expect(sharedFirst.document).toEqual(appFirst.document);
  });
});
