import { z } from 'zod';
import { DESIGNATIONS, HEADQUARTERS_TYPES, LISTING_STATUSES, MARKETS, OWNERSHIPS } from '../fields.js';

// The keyword lexicon of the chat extractor (seeds/reference/lexicon.yaml), as
// data: loading only validates its shape. How the terms are matched is written
// down in the YAML's header and implemented in ./extract.ts.

/**
 * The lexicon's schema, built on first use rather than at import: only a
 * process that loads a lexicon needs it, and the Lambda loads one on its first
 * chat request, not at cold start (functions/lambda.ts).
 */
function buildLexiconSchema() {
  const Term = z.string().trim().min(1).max(80);
  const TermsSchema = z.object({ zh: z.array(Term).default([]), en: z.array(Term).default([]) }).strict();
  const termsByKey = <K extends string>(keys: z.ZodType<K>) => z.record(keys, TermsSchema);

  /** Keys are the values the section yields: track ids, designation ids, `listed`, `HKEX`, … */
  const TRACK_ID = z.string().regex(/^[a-z_]+$/, 'track id');

  return z
    .object({
      version: z.literal(1),
      tracks: termsByKey(TRACK_ID),
      designations: z.partialRecord(z.enum(DESIGNATIONS), TermsSchema),
      listingStatus: z.partialRecord(z.enum(LISTING_STATUSES), TermsSchema),
      listingMarkets: z.partialRecord(z.enum(MARKETS), TermsSchema),
      ownership: z.partialRecord(z.enum(OWNERSHIPS), TermsSchema),
      headquarters: z.partialRecord(z.enum(HEADQUARTERS_TYPES), TermsSchema),
      settlement: z.object({ registered: TermsSchema, relocating: TermsSchema }).strict(),
      amountCues: z
        .object({
          annualRevenueCny: TermsSchema,
          annualTaxCny: TermsSchema,
          employees: TermsSchema,
          other: TermsSchema,
        })
        .strict(),
      negation: TermsSchema,
      uncertain: TermsSchema,
      done: TermsSchema,
      intent: TermsSchema,
      nearby: TermsSchema,
      clauseBreaks: TermsSchema,
      topicQuestion: z
        .object({
          policyWords: TermsSchema,
          questionWords: TermsSchema,
          questionStarts: TermsSchema,
          selfReference: TermsSchema,
        })
        .strict(),
      blocked: z
        .object({
          tracks: TermsSchema,
          designations: TermsSchema,
          listingStatus: TermsSchema,
          ownership: TermsSchema,
          headquarters: TermsSchema,
          settlement: TermsSchema,
          subdistricts: TermsSchema,
          negation: TermsSchema,
          amountCues: TermsSchema,
        })
        .partial()
        .strict(),
    })
    .strict();
}

let lexiconSchema: ReturnType<typeof buildLexiconSchema> | undefined;

export type Lexicon = z.infer<ReturnType<typeof buildLexiconSchema>>;
export type Terms = Lexicon['negation'];

export class LexiconError extends Error {
  constructor(readonly problems: string[]) {
    super(`lexicon is invalid:\n- ${problems.join('\n- ')}`);
    this.name = 'LexiconError';
  }
}

/**
 * Validates a parsed lexicon. With `trackIds` (from tracks.yaml) it also checks
 * that every track the lexicon names exists, so a typo fails at load, not in a chat.
 */
export function loadLexicon(raw: unknown, options: { trackIds?: readonly string[] } = {}): Lexicon {
  lexiconSchema ??= buildLexiconSchema();
  const parsed = lexiconSchema.safeParse(raw);
  if (!parsed.success) {
    throw new LexiconError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  if (options.trackIds) {
    const known = new Set(options.trackIds);
    const unknown = Object.keys(parsed.data.tracks).filter((t) => !known.has(t));
    if (unknown.length) throw new LexiconError(unknown.map((t) => `tracks.${t}: not a track in tracks.yaml`));
  }
  return parsed.data;
}
