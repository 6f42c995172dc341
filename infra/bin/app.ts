import { App } from 'aws-cdk-lib';
import { buildIncentivesApp } from '../app.js';

// Entry point of the CDK CLI (cdk.json: `npx tsx infra/bin/app.ts`).
const app = new App();
buildIncentivesApp(app);
app.synth();
