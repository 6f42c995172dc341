import { resolve } from 'node:path';
import type { Metafile } from 'esbuild';
import { bundleFunction, REPO_ROOT } from '../../infra/bundling.js';

// Code bundled by the function every deployed Lambda is bundled with
// (infra/bundling.ts), so code bundled here is the code as Lambda runs it.

export interface Bundle {
  /** The entry module (`<outdir>/<name>.mjs`); chunks are in `<outdir>/chunks/`. */
  outfile: string;
  /** All JavaScript written, the entry and every chunk: the size of the function's code. */
  bytes: number;
  /** What a cold start reads before the handler runs: the entry and the chunks it imports statically. */
  startupBytes: number;
  sourceMapBytes: number;
  metafile: Metafile;
}

/** Bundles `entry` into `outdir` as the CDK bundles a function. */
export async function bundle(entry: string, outdir: string, name = 'index'): Promise<Bundle> {
  const { entryFile, metafile } = await bundleFunction(entry, outdir, name);
  // The metafile's paths are relative to the directory esbuild worked in.
  const outputs = new Map(Object.entries(metafile.outputs).map(([path, o]) => [resolve(REPO_ROOT, path), o]));
  let bytes = 0;
  let sourceMapBytes = 0;
  for (const [path, o] of outputs) {
    if (path.endsWith('.map')) sourceMapBytes += o.bytes;
    else bytes += o.bytes;
  }
  const loaded = new Set<string>();
  const pending = [entryFile];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (loaded.has(file)) continue;
    loaded.add(file);
    for (const i of outputs.get(file)?.imports ?? [])
      if (i.kind === 'import-statement' && !i.external) pending.push(resolve(REPO_ROOT, i.path));
  }
  const startupBytes = [...loaded].reduce((sum, file) => sum + (outputs.get(file)?.bytes ?? 0), 0);
  return { outfile: entryFile, bytes, startupBytes, sourceMapBytes, metafile };
}
