import { statSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { BUNDLING } from '../../infra/constructs/service-function.js';

// esbuild run with the options every deployed function is bundled with
// (infra/constructs/service-function.ts), so code bundled here is the code as
// Lambda runs it.

export interface Bundle {
  outfile: string;
  bytes: number;
  sourceMapBytes: number;
  metafile: Metafile;
}

/** Bundles `entry` into `outdir/<name>.mjs` (`.js` for CommonJS), as the CDK bundles a function. */
export async function bundle(entry: string, outdir: string, name = 'index'): Promise<Bundle> {
  const outfile = join(outdir, `${name}.${BUNDLING.format === 'esm' ? 'mjs' : 'js'}`);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: BUNDLING.target,
    format: BUNDLING.format,
    outfile,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    mainFields: [...BUNDLING.mainFields],
    charset: BUNDLING.charset,
    // The CDK marks the AWS SDK external unless it is bundled; here it is.
    external: BUNDLING.bundleAwsSDK ? [] : ['@aws-sdk/*'],
    banner: { js: BUNDLING.banner },
    metafile: true,
    logLevel: 'error',
  });
  const size = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return { outfile, bytes: size(outfile), sourceMapBytes: size(`${outfile}.map`), metafile: result.metafile };
}
