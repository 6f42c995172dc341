import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { criterionComparisons } from '../../shared/catalog/catalog.js';
import { readRawCatalog, SEEDS_DIR } from '../../shared/catalog/load-seeds.js';
import {
  BuildingSchema,
  type Clause,
  ClauseFileSchema,
  SOURCE_DOCUMENTS,
  type Source,
} from '../../shared/catalog/schema.js';
import { extractChineseAmounts } from '../../shared/money.js';
import { foldForQuote, simplifyAnnotatedDocument } from '../../shared/text/normalize.js';

// Every clause and every building must rest on a sentence that is really in its
// document, and every number the catalog encodes must be stated in that sentence.

const documents = new Map<string, string>();
for (const doc of SOURCE_DOCUMENTS) {
  const raw = readFileSync(join(SEEDS_DIR, 'sources', doc), 'utf8');
  const text = doc.startsWith('004_') ? simplifyAnnotatedDocument(raw) : raw;
  documents.set(doc, foldForQuote(text));
}

function quoteIsInDocument(source: Source): boolean {
  const quote = source.document.startsWith('004_') ? simplifyAnnotatedDocument(source.quote) : source.quote;
  return (documents.get(source.document) ?? '').includes(foldForQuote(quote));
}

const raw = readRawCatalog();
const clauses: Clause[] = raw.clauses.flatMap((f) => ClauseFileSchema.parse(f));
const buildings = z.array(BuildingSchema).parse(raw.buildings);

function amountsIn(text: string): number[] {
  return extractChineseAmounts(text).map((a) => a.value);
}

describe('the shipped source documents', () => {
  const handed = join(SEEDS_DIR, '..', '..', 'shared', 'source-docs');
  it.runIf(existsSync(handed))('are identical to the documents handed to the team', () => {
    for (const doc of SOURCE_DOCUMENTS) {
      expect(readFileSync(join(SEEDS_DIR, 'sources', doc), 'utf8'), doc).toBe(
        readFileSync(join(handed, doc), 'utf8'),
      );
    }
  });
});

describe('every catalog clause', () => {
  it.each(clauses.map((c) => [c.id, c] as const))('%s quotes its document verbatim', (_id, clause) => {
    expect(
      quoteIsInDocument(clause.source),
      `quote not found in ${clause.source.document}: ${clause.source.quote}`,
    ).toBe(true);
  });

  it.each(clauses.map((c) => [c.id, c] as const))(
    '%s states every number it encodes in its own quote',
    (_id, clause) => {
      const quote = foldForQuote(
        clause.source.document.startsWith('004_')
          ? simplifyAnnotatedDocument(clause.source.quote)
          : clause.source.quote,
      );
      const stated: { value: number; quoted: string | undefined; what: string }[] = [];
      if (clause.benefit.amount !== undefined)
        stated.push({
          value: clause.benefit.amount,
          quoted: clause.benefit.amountQuoted,
          what: 'benefit.amount',
        });
      for (const cmp of criterionComparisons(clause.criteria)) {
        if (typeof cmp.value === 'number')
          stated.push({ value: cmp.value, quoted: cmp.quoted, what: cmp.field });
      }
      for (const s of stated) {
        expect(
          s.quoted,
          `${s.what}: a number needs \`quoted\`, the words of the quote that state it`,
        ).toBeTruthy();
        const quoted = foldForQuote(s.quoted ?? '');
        expect(quote.includes(quoted), `${s.what}: "${s.quoted}" is not in the quote`).toBe(true);
        const numbers = amountsIn(s.quoted ?? '');
        const plain = (s.quoted ?? '').match(/\d+(?:\.\d+)?/g)?.map(Number) ?? [];
        expect([...numbers, ...plain], `${s.what}: "${s.quoted}" does not state ${s.value}`).toContain(
          s.value,
        );
      }
    },
  );
});

describe('every named building', () => {
  it.each(buildings.map((b) => [b.id, b] as const))('%s is named in its cited sentence', (_id, b) => {
    expect(quoteIsInDocument(b.source), `quote not found: ${b.source.quote}`).toBe(true);
    const folded = foldForQuote(
      b.source.document.startsWith('004_') ? simplifyAnnotatedDocument(b.source.quote) : b.source.quote,
    );
    const names = [b.name, ...b.aliases].map((n) => foldForQuote(n));
    expect(
      names.some((n) => folded.includes(n)),
      `${b.name} does not appear in its quote`,
    ).toBe(true);
  });
});
