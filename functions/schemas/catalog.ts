import { z } from '@hono/zod-openapi';
import { SourceViewSchema } from './policy.js';

// Reference data: tracks and the buildings the plans name as industry carriers.

export const TrackSchema = z
  .object({
    id: z.string().openapi({ example: 'low_altitude' }),
    name: z.string().openapi({ example: '低空经济' }),
    description: z.string(),
  })
  .strict()
  .openapi('Track');

export const TracksResponseSchema = z
  .object({ catalogVersion: z.string(), items: z.array(TrackSchema) })
  .strict()
  .openapi('TrackList');

export const BuildingSchema = z
  .object({
    id: z.string().openapi({ example: 'runhong-building' }),
    name: z.string().openapi({ description: 'Name in the requested language (English where one is known).' }),
    nameZh: z.string(),
    nameEn: z.string().nullable(),
    aliases: z.array(z.string()).openapi({
      description: 'Traditional forms, short and English names also accepted as `profile.building`.',
    }),
    subdistrict: z
      .string()
      .nullable()
      .openapi({ description: 'Subdistrict id (as `profile.subdistrict` takes it), if known.' }),
    subdistrictName: z.string().nullable(),
    kind: z.enum(['building', 'park', 'area']),
    tracks: z.array(z.string()),
    source: SourceViewSchema,
  })
  .strict()
  .openapi('Building');

export const BuildingsResponseSchema = z
  .object({ catalogVersion: z.string(), items: z.array(BuildingSchema) })
  .strict()
  .openapi('BuildingList');
