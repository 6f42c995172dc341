import { describe, expect, it } from 'vitest';
import { buildCatalog, CatalogError } from '../../shared/catalog/catalog.js';
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
});

describe('the lead departments the catalog names', () => {
  it('each have an English name in the i18n tables', async () => {
    const { messages } = await import('../../shared/i18n/index.js');
    const named = new Set(buildCatalog(readRawCatalog()).clauses.flatMap((c) => c.leadDepartments));
    const missing = [...named].filter((d) => !(d in messages.en.engine.departments));
    expect(missing).toEqual([]);
  });
});
