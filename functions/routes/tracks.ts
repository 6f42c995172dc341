import type { RouteGroup } from '../http/env.js';
import { apiRoute } from '../http/route.js';
import { TracksResponseSchema } from '../schemas/catalog.js';
import { LangQuerySchema } from '../schemas/common.js';

export const trackRoutes: RouteGroup = (app, { catalog }) => {
  app.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/tracks',
      tags: ['Catalog'],
      summary: 'Industry and policy tracks',
      request: { query: LangQuerySchema },
      responses: {
        200: {
          description: 'Every track id, named in the requested language.',
          content: { 'application/json': { schema: TracksResponseSchema } },
        },
      },
    }),
    (c) => {
      const lang = c.get('lang');
      const items = catalog.catalog.tracks.map((t) => ({
        id: t.id,
        name: t.name[lang],
        description: t.description[lang],
      }));
      return c.json({ catalogVersion: catalog.version, items }, 200);
    },
  );
};
