import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildIncentivesApp } from '../../infra/app.js';
import { REPO_ROOT } from '../../infra/constructs/service-function.js';
import type { IncentivesStack } from '../../infra/stacks/incentives-stack.js';

// Synthesizes the real app the way `npm run synth` does (same builder, same
// cdk.json context, real seeds, real esbuild bundling) into a temporary cloud
// assembly. Bundling takes seconds, so each test file does this once.

export interface Synthesized {
  app: App;
  stack: IncentivesStack;
  template: Template;
  /** The cloud assembly folder (bundles are in its asset.* folders). */
  outdir: string;
  cleanup(): void;
}

export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

export function synthesize(context: Record<string, unknown> = {}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'luohu-cdk-'));
  const app = new App({
    outdir,
    // As the CDK CLI runs apps: resources carry their construct path and assets their folder.
    context: {
      'aws:cdk:enable-path-metadata': true,
      'aws:cdk:enable-asset-metadata': true,
      ...cdkJsonContext(),
      ...context,
    },
  });
  const stack = buildIncentivesApp(app);
  const assembly = app.synth();
  const template = Template.fromJSON(assembly.getStackByName(stack.stackName).template);
  return { app, stack, template, outdir, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

export type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] } & Record<
  string,
  unknown
>;

export function resourcesOf(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}
