import { mkdtempSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLING, bundleFunction } from '../../infra/bundling.js';
import { FUNCTION_ENTRIES, REPO_ROOT } from '../../infra/constructs/service-function.js';

// infra/bundling.ts on every deployed entry, read from esbuild's own account of
// what it wrote: what a bundle still imports at run time must be Node's.

const work = mkdtempSync(join(tmpdir(), 'luohu-bundling-'));
const metafiles = new Map<string, Metafile>();
beforeAll(async () => {
  for (const entry of Object.values(FUNCTION_ENTRIES)) {
    const { metafile } = await bundleFunction(join(REPO_ROOT, entry), join(work, entry.replace(/\W/g, '_')));
    metafiles.set(entry, metafile);
  }
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('function bundles', () => {
  it('import nothing at run time but Node built-ins: the left-out modules are never imported', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    for (const [entry, metafile] of metafiles) {
      const externals = Object.values(metafile.outputs).flatMap((o) =>
        o.imports.filter((i) => i.external).map((i) => i.path),
      );
      expect(externals.length, entry).toBeGreaterThan(0);
      expect(
        externals.filter((path) => !builtins.has(path)),
        entry,
      ).toEqual([]);
      for (const left of BUNDLING.external) expect(externals, entry).not.toContain(left);
    }
  });
});
