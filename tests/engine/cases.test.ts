import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadCatalogFromSeeds } from '../../shared/catalog/load-seeds.js';
import { compileCatalog, match } from '../../shared/engine/index.js';
import { ProfileSchema } from '../../shared/profile.js';

// OpenFisca-style cases: data files under tests/engine/cases/, each case named
// as a sentence, with a profile and the outcome expected for named clauses.

const CaseSchema = z
  .object({
    name: z.string().min(10),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    profile: ProfileSchema,
    expect: z.record(z.string(), z.enum(['eligible', 'ineligible', 'needs_info'])),
    lang: z.enum(['zh', 'en']).optional(),
  })
  .strict();

const dir = join(dirname(fileURLToPath(import.meta.url)), 'cases');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const compiled = compileCatalog(loadCatalogFromSeeds());

describe.each(files)('%s', (file) => {
  const cases = z.array(CaseSchema).parse(parse(readFileSync(join(dir, file), 'utf8')) ?? []);
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = match(compiled, c.profile, { asOf: c.asOf, lang: c.lang ?? 'zh' });
    for (const [policyId, outcome] of Object.entries(c.expect)) {
      const r = result.results.find((x) => x.policyId === policyId);
      expect(r, `no clause ${policyId} in the catalog`).toBeDefined();
      expect(r?.outcome, `${policyId}: ${r?.criteria.map((k) => `${k.field} ${k.outcome}`).join('; ')}`).toBe(
        outcome,
      );
    }
  });
});
