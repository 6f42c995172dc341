import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import {
  AUTHORIZER_CLAIMS,
  STAFF_ROLES,
  StaffClaimsSchema,
  type StaffRole,
} from '../../shared/auth/principal.js';
import { CHATBOT_RESOURCE_SERVER, CHATBOT_SCOPE } from '../routes.js';

export interface ApiIdentityProps {
  stage: string;
  /** Cognito domain prefix; defaults to one made unique by stage and account. */
  domainPrefix?: string;
  staffCallbackUrls: string[];
}

/** One Cognito group per role the app reads from `cognito:groups`; the group name is the role. */
const STAFF_GROUPS: Record<StaffRole, { id: string; description: string; precedence: number }> = {
  admin: { id: 'AdminGroup', description: 'Service-center administrators: all departments', precedence: 0 },
  staff: { id: 'StaffGroup', description: "Department staff: their department's cases", precedence: 10 },
};

/**
 * The custom attribute holding a staff member's department (牵头单位 name):
 * Cognito puts attribute `<name>` in the token as `custom:<name>`, the claim the app reads.
 */
function departmentAttribute(): { name: string; minLen: number; maxLen: number } {
  const prefix = 'custom:';
  const claim: string = AUTHORIZER_CLAIMS.department;
  if (!claim.startsWith(prefix))
    throw new Error(`department claim ${claim} is not a Cognito custom attribute`);
  const { minLength, maxLength } = StaffClaimsSchema.shape.department.unwrap();
  if (minLength === null || maxLength === null) throw new Error('the department claim has no length bounds');
  return { name: claim.slice(prefix.length), minLen: minLength, maxLen: maxLength };
}

/**
 * Who may call the non-public routes: service-center staff (a Cognito user
 * pool, accounts created by an administrator only) and the 罗i企 chatbot (an
 * app client with OAuth client credentials and one scope).
 */
export class ApiIdentity extends Construct {
  readonly userPool: UserPool;
  readonly staffClient: UserPoolClient;
  readonly chatbotClient: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** `<resource server>/<scope>`, the value API Gateway requires on chatbot routes. */
  readonly chatbotScope: string;

  constructor(scope: Construct, id: string, props: ApiIdentityProps) {
    super(scope, id);
    const department = departmentAttribute();

    this.userPool = new UserPool(this, 'StaffPool', {
      // Staff are created by an administrator (README "Create a staff user");
      // nobody can sign themselves up into case data.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      // The bounds the app accepts for a department claim (shared/auth/principal.ts).
      // Cognito cannot change a custom attribute after the pool exists, so
      // they are right from the first deploy.
      customAttributes: {
        [department.name]: new StringAttribute({
          minLen: department.minLen,
          maxLen: department.maxLen,
          mutable: true,
        }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Staff tokens read companies' contact details and change their cases:
      // a second factor is required. TOTP only; SMS would need an SNS spend
      // limit and sender registration.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // The Plus plan adds threat protection (compromised-credential and
      // risky sign-in checks) enforced on every staff sign-in. It is billed per
      // monthly active user, so a pool of a few dozen staff costs little and
      // nothing at idle.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const role of STAFF_ROLES) {
      const { id: groupId, ...group } = STAFF_GROUPS[role];
      this.userPool.addGroup(groupId, { groupName: role, ...group });
    }

    // The staff portal is a browser app: no client secret (it could not keep
    // one). Staff send the ID token, which carries `custom:department` and
    // `cognito:groups`; Cognito access tokens do not carry custom attributes.
    this.staffClient = this.userPool.addClient('StaffClient', {
      generateSecret: false,
      // SRP for browser sign-in; USER_PASSWORD_AUTH so an operator can get a
      // token from the AWS CLI (README), still with the TOTP challenge.
      authFlows: { userSrp: true, userPassword: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: props.staffCallbackUrls,
        logoutUrls: props.staffCallbackUrls,
      },
      // A staff member must not be able to move themselves to another
      // department: only administrators (admin-update-user-attributes) write it.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(department.name),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // One working day; then a fresh sign-in with MFA.
      refreshTokenValidity: Duration.hours(10),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });

    const chatScope = new ResourceServerScope({
      scopeName: CHATBOT_SCOPE,
      scopeDescription: '罗i企 chatbot: POST /v1/chat',
    });
    const resourceServer = this.userPool.addResourceServer('ApiResourceServer', {
      identifier: CHATBOT_RESOURCE_SERVER,
      userPoolResourceServerName: 'Luohu incentives API',
      scopes: [chatScope],
    });
    this.chatbotScope = `${CHATBOT_RESOURCE_SERVER}/${CHATBOT_SCOPE}`;

    // Server-to-server: the chatbot keeps the secret and exchanges it at the
    // token endpoint. Cognito bills each token request, so the chatbot must
    // cache the token for its lifetime (README).
    this.chatbotClient = this.userPool.addClient('ChatbotClient', {
      generateSecret: true,
      authFlows: {},
      oAuth: {
        flows: { clientCredentials: true },
        scopes: [OAuthScope.resourceServer(resourceServer, chatScope)],
      },
      accessTokenValidity: Duration.hours(1),
      enableTokenRevocation: true,
    });

    // Hosts /oauth2/token (client credentials) and the managed staff login.
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: {
        domainPrefix: props.domainPrefix ?? `luohu-incentives-${props.stage}-${Aws.ACCOUNT_ID}`,
      },
    });
  }

  get issuerUrl(): string {
    return this.userPool.userPoolProviderUrl;
  }

  get tokenEndpoint(): string {
    return `${this.domain.baseUrl()}/oauth2/token`;
  }
}
