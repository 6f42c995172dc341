import { z } from '@hono/zod-openapi';
import { ENGINE_VERSION } from '../../shared/engine/index.js';
import type { RouteGroup } from '../http/env.js';
import { apiRoute } from '../http/route.js';

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    catalogVersion: z.string().openapi({ description: 'Content hash of the loaded catalog.' }),
    engineVersion: z.string(),
  })
  .strict()
  .openapi('Health');

export const healthRoutes: RouteGroup = (app, { catalog }) => {
  app.openapi(
    apiRoute({
      method: 'get',
      path: '/health',
      tags: ['Service'],
      summary: 'Liveness and the catalog version',
      responses: {
        200: { description: 'The service is up.', content: { 'application/json': { schema: HealthSchema } } },
      },
    }),
    (c) =>
      c.json({ status: 'ok' as const, catalogVersion: catalog.version, engineVersion: ENGINE_VERSION }, 200),
  );
};
