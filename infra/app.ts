import { type App, Tags, Validations } from 'aws-cdk-lib';
import { readDeployConfig } from './config.js';
import { writeLambdaData } from './lambda-data.js';
import { AwsSolutionsChecks } from './nag.js';
import { IncentivesStack } from './stacks/incentives-stack.js';

/**
 * Builds the service's stack into `app`: reads the deployment settings from
 * context, builds the catalog and the chat lexicon from seeds/ (an invalid one
 * fails the synth, so it can never be deployed) and applies the cdk-nag
 * AwsSolutions checks.
 * Shared by infra/bin/app.ts (the CDK CLI) and the infra tests.
 */
export function buildIncentivesApp(app: App): IncentivesStack {
  const config = readDeployConfig((key) => app.node.tryGetContext(key));

  // Generated at every synth, inside the cloud assembly folder (cdk.out by
  // default), never committed; the functions' bundling copies them in.
  const data = writeLambdaData(app.outdir);

  const stack = new IncentivesStack(app, `LuohuIncentives-${config.stage}`, {
    description: `Luohu District incentive matching API (${config.stage})`,
    config,
    catalog: { version: data.catalog.version, file: data.catalogFile, sha256: data.catalogSha256 },
    lexiconFile: data.lexiconFile,
    // Env-agnostic unless the CLI knows an account (it does when credentials
    // are configured); nothing here needs a lookup, so synth works offline.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  Tags.of(stack).add('project', 'luohu-incentives');
  Tags.of(stack).add('stage', config.stage);

  // A finding that is not accepted (with a reason, next to the construct)
  // stops the synth, and therefore the deploy.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return stack;
}
