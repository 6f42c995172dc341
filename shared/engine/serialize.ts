import { type CompiledCatalog, langTables, MatchedClause, VALIDITIES } from './compile.js';
import type { ClauseResult, MatchResult, PolicyView } from './types.js';

// The JSON of a match answer, byte for byte what JSON.stringify gives, built
// from parts encoded once: most of an answer is the clauses' own texts (titles,
// summaries, source quotes, benefits), which are the same in every answer, so
// they are kept as UTF-8 per language and validity and copied, not serialised
// and encoded again. Per answer only the trace is new, and a criterion shared by
// many clauses is encoded once. An answer of ~500 KB then costs a copy instead
// of a JSON.stringify plus a UTF-8 encoding of the whole text.

// Buffer.from, not TextEncoder: a third of the cost per call for short strings.
const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** JSON of objects that cannot change (frozen texts shared by every answer), encoded once. */
const frozenJson = new WeakMap<object, Uint8Array>();
/** Per catalog and language: each clause view's result prefix, by `clause index * 3 + validity rank`. */
const prefixes = new WeakMap<(PolicyView | undefined)[], (Uint8Array | undefined)[]>();

const OUTCOME_PART = {
  eligible: utf8('"eligible","criteria":['),
  needs_info: utf8('"needs_info","criteria":['),
  ineligible: utf8('"ineligible","criteria":['),
};
const COMMA = utf8(',');
const GAPS = utf8('],"gaps":[');
const QUESTIONS = utf8('],"questions":[');
const CLOSE = utf8(']}');

/** A growing UTF-8 buffer; sized from the previous answer, so it rarely grows. */
let lastLength = 1 << 16;

class Bytes {
  private buf = Buffer.allocUnsafe(lastLength + (lastLength >> 3));
  length = 0;

  private reserve(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + extra));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  put(part: Uint8Array): void {
    this.reserve(part.length);
    this.buf.set(part, this.length);
    this.length += part.length;
  }

  text(text: string): void {
    // At most 3 bytes per UTF-16 unit.
    this.reserve(text.length * 3);
    this.length += this.buf.write(text, this.length, 'utf8');
  }

  /** Writes again bytes already written at [start, end). */
  again(start: number, end: number): void {
    this.reserve(end - start);
    this.buf.copyWithin(this.length, start, end);
    this.length += end - start;
  }

  bytes(): Uint8Array<ArrayBuffer> {
    lastLength = this.length;
    return new Uint8Array(this.buf.buffer as ArrayBuffer, this.buf.byteOffset, this.length);
  }
}

/** The view a result was made from, when every static part of it is still that view's own. */
function viewOf(cc: CompiledCatalog, views: (PolicyView | undefined)[], r: ClauseResult): number | undefined {
  const clause = cc.byId.get(r.policyId);
  if (!clause) return undefined;
  const slot = clause.index * 3 + VALIDITIES.indexOf(r.validity);
  const view = views[slot];
  if (!view) return undefined;
  const same =
    r.title === view.title &&
    r.summary === view.summary &&
    r.tracks === view.tracks &&
    r.leadDepartment === view.leadDepartment &&
    r.leadDepartmentLabel === view.leadDepartmentLabel &&
    r.leadDepartments === view.leadDepartments &&
    r.leadDepartmentLabels === view.leadDepartmentLabels &&
    r.period === view.period &&
    r.validityLabel === view.validityLabel &&
    r.source === view.source &&
    r.benefit === view.benefit;
  return same ? slot : undefined;
}

function plainJson(value: unknown): Uint8Array<ArrayBuffer> {
  const bytes = utf8(JSON.stringify(value));
  return new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length);
}

/** `{"policyId":…,"benefit":{…},"outcome":` for a view. */
const OUTCOME_KEY = '"outcome":';

function prefixOf(view: PolicyView): Uint8Array {
  // Cut from a result MatchedClause makes, so the keys and their order are the
  // class's: the outcome comes right after the static parts. Inside a JSON
  // string a quote is escaped, so `"outcome":` can only be the key.
  const json = JSON.stringify(new MatchedClause(view, 'eligible', [], [], []));
  return utf8(json.slice(0, json.lastIndexOf(OUTCOME_KEY) + OUTCOME_KEY.length));
}

/**
 * The JSON text of a result of `match()` as UTF-8, identical to
 * `JSON.stringify(result)`. Results not made by `match()` (copies), or whose
 * static parts were replaced, are serialised the plain way; properties added
 * to a result after matching are not expected (results are the contract's shape).
 */
export function matchResultJson(cc: CompiledCatalog, result: MatchResult): Uint8Array<ArrayBuffer> {
  const views = langTables(cc, result.lang).views;
  const viewPrefixes = prefixes.get(views);
  if (!viewPrefixes) {
    // The first answer in a language goes the plain way: building every prefix
    // in code that has not been optimised yet costs twice a plain JSON.stringify,
    // and a cold start answers exactly one request.
    prefixes.set(views, new Array(views.length));
    return plainJson(result);
  }
  const out = new Bytes();
  // Objects shared within the answer (a criterion stated by many clauses): written once, then copied.
  const written = new Map<object, { start: number; end: number }>();
  const writeJson = (value: object) => {
    if (Object.isFrozen(value)) {
      let bytes = frozenJson.get(value);
      if (bytes === undefined) {
        bytes = utf8(JSON.stringify(value));
        frozenJson.set(value, bytes);
      }
      out.put(bytes);
      return;
    }
    const at = written.get(value);
    if (at !== undefined) {
      out.again(at.start, at.end);
      return;
    }
    const start = out.length;
    out.text(JSON.stringify(value));
    written.set(value, { start, end: out.length });
  };
  const list = (items: readonly object[]) => {
    for (let i = 0; i < items.length; i++) {
      if (i > 0) out.put(COMMA);
      writeJson(items[i] as object);
    }
  };
  let first = true;
  for (const [key, value] of Object.entries(result)) {
    if (value === undefined) continue;
    out.text(`${first ? '{' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (key !== 'results') {
      out.text(JSON.stringify(value));
      continue;
    }
    const results = value as ClauseResult[];
    out.text('[');
    for (let i = 0; i < results.length; i++) {
      const r = results[i] as ClauseResult;
      if (i > 0) out.put(COMMA);
      const slot = r instanceof MatchedClause ? viewOf(cc, views, r) : undefined;
      if (slot === undefined) {
        out.text(JSON.stringify(r));
        continue;
      }
      let prefix = viewPrefixes[slot];
      if (prefix === undefined) {
        prefix = prefixOf(views[slot] as PolicyView);
        viewPrefixes[slot] = prefix;
      }
      out.put(prefix);
      out.put(OUTCOME_PART[r.outcome]);
      list(r.criteria);
      out.put(GAPS);
      list(r.gaps);
      out.put(QUESTIONS);
      list(r.questions);
      out.put(CLOSE);
    }
    out.text(']');
  }
  out.text(first ? '{}' : '}');
  return out.bytes();
}
