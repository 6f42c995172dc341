import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildPortalAssets, GENERATED_MODULE, generatedModule } from '../../portal/build.js';
import { messages } from '../../shared/i18n/index.js';

// The page is bundled into portal/assets.generated.ts (see portal/build.ts for
// why). These tests keep that module honest: rebuilt from portal/src it must be
// identical, small enough for the Lambda bundle, free of copied strings, and
// the browser code must type-check against the shared types it imports.

function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [];
}

// Built once for every test; awaited by each, so a failed build fails each test, not the file's import.
const built = buildPortalAssets();
built.catch(() => undefined);

describe('the portal bundle', () => {
  it('is up to date with portal/src (run `npm run portal:build` after changing the page)', async () => {
    const fresh = generatedModule(await built);
    expect(readFileSync(GENERATED_MODULE, 'utf8') === fresh, 'portal/assets.generated.ts is stale').toBe(
      true,
    );
  });

  it('is small: the whole page costs the Lambda bundle less than 64 KB', async () => {
    const { script, style } = await built;
    expect(Buffer.byteLength(script)).toBeLessThan(56 * 1024);
    expect(Buffer.byteLength(style)).toBeLessThan(8 * 1024);
  });

  it('carries no copy of the page strings: they come from shared/i18n at run time', async () => {
    const { script } = await built;
    const strings = [...leaves(messages.zh.portal), ...leaves(messages.en.portal)].filter(
      (s) => s.length >= 4,
    );
    expect(strings.length).toBeGreaterThan(100);
    const asLiteral = (s: string) =>
      ['"', "'", '`'].some((q) => script.includes(`${q}${JSON.stringify(s).slice(1, -1)}${q}`));
    expect(strings.filter(asLiteral)).toEqual([]);
    // Nor the engine's tables, which the shared i18n index would drag in if tree-shaking failed.
    expect(script).not.toContain(messages.zh.engine.ops.gte);
  });

  it('type-checks as browser code (portal/tsconfig.json: DOM, no Node)', async () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const run = promisify(execFile);
    const result = await run(process.execPath, [tsc, '--noEmit', '-p', 'portal/tsconfig.json']).catch(
      (e) => e,
    );
    expect(`${result.stdout ?? ''}${result.stderr ?? ''}`).toBe('');
  }, 60_000);
});
