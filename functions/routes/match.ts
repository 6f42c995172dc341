import type { TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { match, matchResultJson } from '../../shared/engine/index.js';
import type { RouteGroup } from '../http/env.js';
import { apiRoute } from '../http/route.js';
import { MatchRequestSchema, MatchResponseSchema } from '../schemas/match.js';
import { assertKnownTrack } from './check-tracks.js';

export const matchRoutes: RouteGroup = (app, { catalog, today }) => {
  app.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/match',
      tags: ['Matching'],
      summary: 'Which policy measures a company qualifies for, why, and what it is missing',
      request: { body: { required: true, content: { 'application/json': { schema: MatchRequestSchema } } } },
      responses: {
        200: {
          description: 'Every clause evaluated against the profile, best first.',
          content: { 'application/json': { schema: MatchResponseSchema } },
        },
      },
    }),
    (c) => {
      const { profile, asOf = today(), tracks, detail } = c.req.valid('json');
      tracks?.forEach((t, i) => {
        assertKnownTrack(catalog, t, ['tracks', i]);
      });
      const result = match(catalog, profile, {
        asOf,
        lang: c.get('lang'),
        ...(tracks ? { tracks } : {}),
        ...(detail ? { detail } : {}),
      });
      // Byte for byte what c.json(result) sends, from pre-encoded parts (shared/engine/serialize.ts).
      const body = c.body(matchResultJson(catalog, result), 200, { 'content-type': 'application/json' });
      return body as unknown as TypedResponse<JSONParsed<typeof result>, 200, 'json'>;
    },
  );
};
