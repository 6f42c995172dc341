import { SOURCE_DOCUMENT_TITLES } from '../../shared/catalog/schema.js';
import type { RouteGroup } from '../http/env.js';
import { apiRoute } from '../http/route.js';
import { BuildingsResponseSchema } from '../schemas/catalog.js';
import { LangQuerySchema } from '../schemas/common.js';

export const buildingRoutes: RouteGroup = (app, { catalog }) => {
  const subdistrictNames = new Map(catalog.catalog.subdistricts.map((s) => [s.id, s.name]));
  app.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/buildings',
      tags: ['Catalog'],
      summary: 'Buildings, parks and areas the plans name as industry carriers',
      request: { query: LangQuerySchema },
      responses: {
        200: {
          description: 'Every building with its aliases, tracks and source.',
          content: { 'application/json': { schema: BuildingsResponseSchema } },
        },
      },
    }),
    (c) => {
      const lang = c.get('lang');
      const items = catalog.catalog.buildings.map((b) => ({
        id: b.id,
        name: lang === 'en' && b.nameEn ? b.nameEn : b.name,
        nameZh: b.name,
        nameEn: b.nameEn ?? null,
        aliases: [...b.aliases],
        subdistrict: b.subdistrict,
        subdistrictName: (b.subdistrict && subdistrictNames.get(b.subdistrict)?.[lang]) || null,
        kind: b.kind,
        tracks: [...b.tracks],
        source: { ...b.source, title: SOURCE_DOCUMENT_TITLES[b.source.document][lang] },
      }));
      return c.json({ catalogVersion: catalog.version, items }, 200);
    },
  );
};
