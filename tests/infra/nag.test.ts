import { App, Stack } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { describe, expect, it } from 'vitest';
import { AwsSolutionsChecks, acceptFinding } from '../../infra/nag.js';

// A control for the nag assertions in stack.test.ts: the pack must see an
// unauthenticated route, and acceptFinding must silence exactly that finding.
function publicRouteStack() {
  const stack = new Stack(new App(), 'NagControl');
  const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
  const [route] = api.addRoutes({
    path: '/open',
    methods: [HttpMethod.GET],
    integration: new HttpUrlIntegration('Backend', 'https://example.invalid'),
  });
  if (!route) throw new Error('no route');
  return { stack, route };
}

const findingsOn = (stack: Stack, rule: string) =>
  new AwsSolutionsChecks().validateScope(stack).violations.filter((v) => v.ruleName === rule);

describe('cdk-nag wiring', () => {
  it('flags a route without authorization', () => {
    const { stack } = publicRouteStack();
    expect(findingsOn(stack, 'AwsSolutions-APIG4')).toHaveLength(1);
  });

  it('acceptFinding silences that finding on that route', () => {
    const { stack, route } = publicRouteStack();
    acceptFinding(
      route,
      'AwsSolutions-APIG4',
      'A public test route: the control case for the nag assertions.',
    );
    expect(findingsOn(stack, 'AwsSolutions-APIG4')).toHaveLength(0);
  });

  it('accepting a different rule does not silence it', () => {
    const { stack, route } = publicRouteStack();
    acceptFinding(route, 'AwsSolutions-APIG1', 'Unrelated rule: must not hide the missing authorization.');
    expect(findingsOn(stack, 'AwsSolutions-APIG4')).toHaveLength(1);
  });
});
