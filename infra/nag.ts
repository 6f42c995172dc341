import { Validations } from 'aws-cdk-lib';
import * as cdkNagModule from 'cdk-nag';
import type { IConstruct } from 'constructs';

// cdk-nag is CommonJS in a shape Node's ESM loader cannot read named exports
// from: under native ESM they sit on the default export, under CommonJS
// transpilers (and vitest) on the namespace itself. Take them in this one place.
const cdkNag = ((cdkNagModule as unknown as { default?: typeof cdkNagModule }).default ??
  cdkNagModule) as typeof cdkNagModule;

export const { AwsSolutionsChecks } = cdkNag;

/**
 * Accepts one cdk-nag finding on `scope` and everything below it, with the
 * reason written where the construct is made. `id` is the rule
 * (`AwsSolutions-APIGW4`) or, for rules with several findings per resource,
 * the finding (`AwsSolutions-IAM5[Resource::...]`).
 */
export function acceptFinding(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}
