import { createHash } from 'node:crypto';
import { z } from 'zod';
import { BuildingIndex } from './buildings.js';
import {
  type Building,
  BuildingSchema,
  type Clause,
  ClauseFileSchema,
  type Criterion,
  type IndustryDivision,
  IndustryDivisionSchema,
  SubdistrictSchema,
  type Track,
  TrackSchema,
} from './schema.js';

// A catalog is the validated, cross-checked set of seeds. Building it is pure:
// the raw seed objects come in (read by ./load-seeds.ts locally, or from the
// published catalog in DynamoDB), a frozen catalog with a content hash comes out.

export interface RawCatalog {
  clauses: unknown[];
  tracks: unknown;
  buildings: unknown;
  subdistricts: unknown;
  industries: unknown;
}

export interface Catalog {
  /** Content hash of the canonical catalog: the receipt every result carries. */
  version: string;
  clauses: readonly Clause[];
  tracks: readonly Track[];
  buildings: readonly Building[];
  subdistricts: readonly z.infer<typeof SubdistrictSchema>[];
  industries: readonly IndustryDivision[];
}

export class CatalogError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(`${message}:\n- ${problems.join('\n- ')}`);
    this.name = 'CatalogError';
  }
}

function* comparisons(c: Criterion): Generator<Extract<Criterion, { field: string }>> {
  if ('all' in c) for (const x of c.all) yield* comparisons(x);
  else if ('any' in c) for (const x of c.any) yield* comparisons(x);
  else if ('not' in c) yield* comparisons(c.not);
  else yield c;
}

export { comparisons as criterionComparisons };

/**
 * Stable JSON: object keys sorted, so the hash does not depend on file or key
 * order. Catalog versions and idempotency fingerprints are hashes of this text,
 * so its output must never change (tests/catalog/catalog.test.ts holds it to
 * the original definition); it is written as loops because a cold start hashes
 * the whole catalog with it.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // As Array#join: an element with no JSON form (undefined, a function) is written as nothing.
      out += canonicalJson(value[i]) ?? '';
    }
    return `${out}]`;
  }
  // Default sort: UTF-16 code unit order, as `<` on strings.
  const keys = Object.keys(value).sort();
  let out = '{';
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

type CatalogBody = Omit<Catalog, 'version'>;

/** The content hash a catalog is known by. */
function versionOf(body: CatalogBody): string {
  return sha256Hex(canonicalJson(body)).slice(0, 16);
}

export function buildCatalog(raw: RawCatalog): Catalog {
  const problems: string[] = [];
  const parse = <T>(schema: z.ZodType<T>, value: unknown, where: string): T | undefined => {
    const r = schema.safeParse(value);
    if (!r.success) {
      for (const issue of r.error.issues) problems.push(`${where} ${issue.path.join('.')}: ${issue.message}`);
      return undefined;
    }
    return r.data;
  };

  const tracks = parse(z.array(TrackSchema), raw.tracks, 'tracks') ?? [];
  const buildings = parse(z.array(BuildingSchema), raw.buildings, 'buildings') ?? [];
  const subdistricts = parse(z.array(SubdistrictSchema), raw.subdistricts, 'subdistricts') ?? [];
  const industries = parse(z.array(IndustryDivisionSchema), raw.industries, 'industries') ?? [];
  const clauses: Clause[] = [];
  raw.clauses.forEach((file, i) => {
    const parsed = parse(ClauseFileSchema, file, `clause file #${i}`);
    if (parsed) clauses.push(...parsed);
  });

  const trackIds = new Set(tracks.map((t) => t.id));
  const buildingIndex = new BuildingIndex(buildings);
  const seen = new Set<string>();
  for (const c of clauses) {
    if (seen.has(c.id)) problems.push(`clause ${c.id}: duplicate id`);
    seen.add(c.id);
    for (const t of c.tracks) if (!trackIds.has(t)) problems.push(`clause ${c.id}: unknown track ${t}`);
    if (c.period.from > c.period.to) problems.push(`clause ${c.id}: period ends before it starts`);
    for (const cmp of comparisons(c.criteria)) {
      const values = Array.isArray(cmp.value) ? cmp.value : [cmp.value];
      if (cmp.field === 'building')
        for (const v of values)
          if (!buildingIndex.resolve(String(v))) problems.push(`clause ${c.id}: unknown building ${v}`);
      if (cmp.field === 'industry.tracks' || cmp.field === 'building.tracks')
        for (const v of values)
          if (!trackIds.has(String(v))) problems.push(`clause ${c.id}: unknown track ${v}`);
    }
  }
  const seenB = new Set<string>();
  for (const b of buildings) {
    if (seenB.has(b.id)) problems.push(`building ${b.id}: duplicate id`);
    seenB.add(b.id);
    for (const t of b.tracks) if (!trackIds.has(t)) problems.push(`building ${b.id}: unknown track ${t}`);
  }
  for (const d of industries)
    for (const t of d.tracks) if (!trackIds.has(t)) problems.push(`industry ${d.code}: unknown track ${t}`);

  if (problems.length) throw new CatalogError('catalog is invalid', problems);

  clauses.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const body = { clauses, tracks, buildings, subdistricts, industries };
  return deepFreeze({ version: versionOf(body), ...body });
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/**
 * A catalog from its published JSON form: the file infra/app.ts writes at
 * synth and bundles beside the functions that read it. The content hash is
 * always recomputed, so a damaged or edited file can never pass under a good
 * version.
 *
 * When the hash matches, the file is (canonically) the very catalog that
 * passed buildCatalog at synth, validated by the code it is bundled with, so
 * validating it again is skipped: that repeat was most of the Lambda's cold
 * start (the zod parse of every clause and the cross-checks, about 130 ms of
 * 180). Only the bundle's own file may come this way; a catalog read back from
 * the store, possibly published by older code, goes through buildCatalog. When
 * the hash does not match, the file is rebuilt through the full validation,
 * which says what is wrong with it. (The hash guards against damage, not
 * forgery: whoever can rewrite the file can rewrite the code beside it.)
 */
export function catalogFromJson(text: string): Catalog {
  const { version, clauses, tracks, buildings, subdistricts, industries } = JSON.parse(text) as Catalog;
  const body = { clauses, tracks, buildings, subdistricts, industries };
  if (typeof version === 'string' && versionOf(body) === version) return deepFreeze({ version, ...body });

  const catalog = buildCatalog({
    tracks,
    buildings,
    subdistricts,
    industries,
    clauses: [clauses as unknown[]],
  });
  if (catalog.version !== version)
    throw new CatalogError('catalog file does not match its version', [
      `filed as ${version} but hashes to ${catalog.version}`,
    ]);
  return catalog;
}

/** SHA-256 of a file's exact bytes, hex: what the catalog file is checked against (catalogFromDigestedJson). */
export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The catalog file written at synth, checked against the SHA-256 of its exact
 * bytes taken at synth (the stack sets it as CATALOG_SHA256), instead of
 * re-serialising the whole catalog canonically to recompute its version,
 * which was most of what loading it cost a cold start. Equal bytes are the
 * very file that passed buildCatalog at synth, validated by the code it is
 * bundled with; any other bytes are refused, never repaired or re-validated:
 * a file that differs from what synth wrote is a broken deploy. Without a
 * recorded digest, catalogFromJson's full check is the way in.
 */
export function catalogFromDigestedJson(bytes: Buffer, sha256: string): Catalog {
  const actual = sha256Hex(bytes);
  if (actual !== sha256.toLowerCase())
    throw new CatalogError('catalog file does not match the digest recorded at synth', [
      `recorded sha256 ${sha256}, file has ${actual}`,
    ]);
  return deepFreeze(JSON.parse(bytes.toString('utf8')) as Catalog);
}
