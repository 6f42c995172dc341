import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCatalog, CatalogError, canonicalJson } from '../../shared/catalog/catalog.js';
import { readRawCatalog } from '../../shared/catalog/load-seeds.js';

describe('the seed catalog', () => {
  it('parses with its schemas, has unique ids and resolves every reference', () => {
    const catalog = buildCatalog(readRawCatalog());
    expect(catalog.clauses.length).toBeGreaterThan(0);
    expect(catalog.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('has the same version however often it is built', () => {
    expect(buildCatalog(readRawCatalog()).version).toBe(buildCatalog(readRawCatalog()).version);
  });

  it('rejects a clause that names an unknown track', () => {
    const raw = readRawCatalog();
    const first = (raw.clauses[0] as Record<string, unknown>[])[0] as Record<string, unknown>;
    const broken = { ...raw, clauses: [[{ ...first, tracks: ['no_such_track'] }]] };
    expect(() => buildCatalog(broken)).toThrow(CatalogError);
  });

  it('rejects two clauses with one id', () => {
    const raw = readRawCatalog();
    const first = (raw.clauses[0] as unknown[])[0];
    expect(() => buildCatalog({ ...raw, clauses: [[first, first]] })).toThrow(/duplicate id/);
  });
});

describe('the published JSON form of the catalog', () => {
  it('round-trips to the same version', async () => {
    const { catalogFromJson } = await import('../../shared/catalog/catalog.js');
    const catalog = buildCatalog(readRawCatalog());
    expect(catalogFromJson(JSON.stringify(catalog)).version).toBe(catalog.version);
  });

  it('refuses a file whose content no longer matches its version', async () => {
    const { catalogFromJson } = await import('../../shared/catalog/catalog.js');
    const catalog = JSON.parse(JSON.stringify(buildCatalog(readRawCatalog())));
    catalog.clauses[0].title.zh = '被改动的标题';
    expect(() => catalogFromJson(JSON.stringify(catalog))).toThrow(/hashes to/);
  });

  // A file whose hash matches is not validated again (see catalogFromJson): it
  // must then be exactly the catalog validation produced, value for value.
  it('reads back exactly the catalog that was built, frozen', async () => {
    const { catalogFromJson } = await import('../../shared/catalog/catalog.js');
    const built = buildCatalog(readRawCatalog());
    const read = catalogFromJson(JSON.stringify(built));
    expect(read).toStrictEqual(built);
    expect(Object.isFrozen(read)).toBe(true);
    expect(Object.isFrozen(read.clauses[0]?.criteria)).toBe(true);
  });

  it('still reads a file written in another key and clause order, through validation', async () => {
    const { catalogFromJson } = await import('../../shared/catalog/catalog.js');
    const built = buildCatalog(readRawCatalog());
    const { version, clauses, ...rest } = JSON.parse(JSON.stringify(built));
    const reordered = { industries: rest.industries, ...rest, clauses: [...clauses].reverse(), version };
    expect(catalogFromJson(JSON.stringify(reordered))).toStrictEqual(built);
  });

  it('names what is wrong with a damaged file', async () => {
    const { catalogFromJson } = await import('../../shared/catalog/catalog.js');
    const catalog = JSON.parse(JSON.stringify(buildCatalog(readRawCatalog())));
    catalog.clauses[0].tracks = ['no_such_track'];
    expect(() => catalogFromJson(JSON.stringify(catalog))).toThrow(/unknown track no_such_track/);
  });
});

describe('canonicalJson', () => {
  // The definition every published catalog version and stored idempotency
  // fingerprint was hashed with; the faster one must write the same text.
  function original(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(original).join(',')}]`;
    if (value && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${original(v)}`).join(',')}}`;
    }
    return JSON.stringify(value);
  }

  it('writes what the original definition wrote, for the catalog and for any value', () => {
    const { version: _, ...body } = buildCatalog(readRawCatalog());
    expect(canonicalJson(body)).toBe(original(body));
    fc.assert(
      fc.property(fc.anything({ withSparseArray: true, withNullPrototype: true }), (value) => {
        expect(canonicalJson(value)).toBe(original(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts keys and drops undefined members', () => {
    expect(canonicalJson({ b: [1, { d: undefined, c: '两' }], a: null })).toBe(
      '{"a":null,"b":[1,{"c":"两"}]}',
    );
  });
});

describe('the lead departments the catalog names', () => {
  it('each have an English name in the i18n tables', async () => {
    const { messages } = await import('../../shared/i18n/index.js');
    const named = new Set(buildCatalog(readRawCatalog()).clauses.flatMap((c) => c.leadDepartments));
    const missing = [...named].filter((d) => !(d in messages.en.engine.departments));
    expect(missing).toEqual([]);
  });
});
