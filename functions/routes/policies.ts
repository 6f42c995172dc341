import { getPolicy, listPolicies } from '../../shared/engine/index.js';
import type { RouteGroup } from '../http/env.js';
import { apiProblem } from '../http/problem.js';
import { apiRoute } from '../http/route.js';
import {
  PoliciesQuerySchema,
  PoliciesResponseSchema,
  PolicyParamsSchema,
  PolicyQuerySchema,
  PolicySchema,
} from '../schemas/policy.js';
import { assertKnownTrack } from './check-tracks.js';

export const policyRoutes: RouteGroup = (app, { catalog, today }) => {
  app.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/policies',
      tags: ['Catalog'],
      summary: 'Policy measures (clauses) of the catalog',
      request: { query: PoliciesQuerySchema },
      responses: {
        200: {
          description: 'Every clause, with its validity on `asOf`.',
          content: { 'application/json': { schema: PoliciesResponseSchema } },
        },
      },
    }),
    (c) => {
      const { track, asOf = today() } = c.req.valid('query');
      if (track !== undefined) assertKnownTrack(catalog, track, ['track']);
      const items = listPolicies(catalog, { asOf, lang: c.get('lang'), ...(track ? { track } : {}) });
      return c.json({ catalogVersion: catalog.version, asOf, items }, 200);
    },
  );

  app.openapi(
    apiRoute(
      {
        method: 'get',
        path: '/v1/policies/{id}',
        tags: ['Catalog'],
        summary: 'One policy measure',
        request: { params: PolicyParamsSchema, query: PolicyQuerySchema },
        responses: {
          200: { description: 'The clause.', content: { 'application/json': { schema: PolicySchema } } },
        },
      },
      { problems: [404] },
    ),
    (c) => {
      const { id } = c.req.valid('param');
      const { asOf = today() } = c.req.valid('query');
      const policy = getPolicy(catalog, id, { asOf, lang: c.get('lang') });
      if (!policy) throw apiProblem('policyNotFound', { id: id.slice(0, 128) });
      return c.json(policy, 200);
    },
  );
};
