import fc from 'fast-check';
import { MAX_ITEMS, MAX_NAME, ProfileSchema } from '../../shared/profile.js';
import type { Endpoint } from './service.js';

// Hostile request bodies, grown from valid ones: every field a client can send,
// then wrong types, out-of-range numbers, unknown keys, nested junk, huge
// values and prototype keys at any depth.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Path = (string | number)[];

/** Every profile field set, each to a value the API accepts. */
export const FULL_PROFILE = {
  name: '深圳市罗湖基准科技有限公司',
  creditCode: '91350100M000100Y43',
  registeredInLuohu: true,
  relocating: false,
  industry: { code: 'I6513', tracks: ['low_altitude', 'ai'], description: '无人机物流配送' },
  annualRevenueCny: 30_000_000,
  annualTaxCny: 6_000_000,
  employees: 120,
  listing: { status: 'pre_ipo', market: 'SZSE' },
  building: '粤海城T1',
  buildingAnnualTaxCny: 150_000_000,
  subdistrict: '桂园',
  designations: ['high_tech', 'specialized_sme'],
  ownership: 'private',
  headquarters: 'regional',
} satisfies Json;

/** A valid request body of each endpoint, using every field it has. */
export function validBodies(policyId: string): Record<Endpoint, Json> {
  return {
    '/v1/match': { profile: FULL_PROFILE, asOf: '2025-09-01', lang: 'en', tracks: ['low_altitude'] },
    '/v1/chat': {
      message: '我们是做无人机配送的，在粤海城T1，去年营收3000万',
      profile: FULL_PROFILE,
      asOf: '2025-09-01',
      lang: 'zh',
    },
    '/v1/cases': {
      profile: FULL_PROFILE,
      policyIds: [policyId],
      contact: { name: '王经理', phone: '0755-12345678', email: 'wang@example.cn' },
      note: '希望了解低空经济扶持政策',
      lang: 'zh',
    },
  };
}

// Numbers only a JSON text can carry: JSON.parse turns 1e400 into Infinity and
// keeps -0; a placeholder string is swapped for the bare token after stringify.
const RAW_NUMBERS = [
  '1e400',
  '-1e400',
  '-0',
  '1e-400',
  '9007199254740993',
  '123456789012345678901234567890',
  '1E+2',
  '-0.0e-0',
];
const RAW_MARK = '\u0001raw:';
const RAW_PATTERN = /"\\u0001raw:([^"\\]+)"/g;

/** JSON text of `value`, with raw-number placeholders replaced by the numbers themselves. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value).replace(RAW_PATTERN, '$1');
}

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
/** Strings that name Object.prototype members: fatal as keys into a plain-object lookup table. */
export const PROTOTYPE_WORDS = [
  ...PROTOTYPE_KEYS,
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'isPrototypeOf',
];

const fieldNames = fc.constantFrom(
  ...Object.keys(FULL_PROFILE),
  'profile',
  'message',
  'lang',
  'asOf',
  'tracks',
  'contact',
  'policyIds',
  'note',
  'code',
  'status',
  'market',
  'description',
  '',
  ' ',
  'Profile',
  'profile ',
  '0',
  '-1',
);
export const anyKey = fc.oneof(
  fieldNames,
  fc.string({ maxLength: 12 }),
  fc.constantFrom(...PROTOTYPE_WORDS.slice(3)),
);

const edgeNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(
    -1,
    -0.5,
    0.5,
    1e15,
    1e15 + 1,
    1e16,
    10_000_000,
    10_000_001,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    2 ** 31,
    -(2 ** 31),
  ),
  fc.constantFrom(...RAW_NUMBERS).map((n) => `${RAW_MARK}${n}`),
);

const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }), // includes lone surrogates
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    ...PROTOTYPE_WORDS,
    '',
    ' ',
    '\u0000',
    '\u200b',
    '\ufeff',
    'null',
    'true',
    '2025-02-30',
    '0000-00-00',
    '9999-12-31',
    'I',
    'Z99',
    'i65',
    'ＩＡ６５',
    '粤海城',
    '粵海城 T1',
    '%s%n',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal placeholder is the junk here
    '${x}',
    '<script>',
    '../../etc/passwd',
    'zh',
    'en',
    'fr',
    'eligible',
  ),
);

/** The shortest bound on a free-text field (subdistrict; credit code and track ids have the same). */
const SHORT_TEXT_MAX = (() => {
  const { maxLength } = ProfileSchema.shape.subdistrict.unwrap();
  if (maxLength === null) throw new Error('ProfileSchema.subdistrict has no length bound');
  return maxLength;
})();

/** Strings and arrays just over (and far over) the schema's bounds, yet within the body limit. */
export const oversized: fc.Arbitrary<Json> = fc.oneof(
  fc.integer({ min: SHORT_TEXT_MAX + 1, max: 20_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: MAX_NAME + 1, max: 6_000 }).map((n) => '罗'.repeat(n)),
  fc.integer({ min: MAX_ITEMS + 1, max: 5_000 }).map((n) => Array.from({ length: n }, (_, i) => `t${i % 7}`)),
  fc.integer({ min: MAX_ITEMS + 1, max: 10_000 }).map((n) => new Array<Json>(n).fill(0)),
);

/** Any value of the wrong (or right) type for some field, a little nested. */
export const junk: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  { weight: 3, arbitrary: edgeNumber },
  { weight: 3, arbitrary: oddString },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [null], [[]], { '': null }) },
  { weight: 1, arbitrary: fc.array(oddString, { maxLength: 5 }) },
  { weight: 1, arbitrary: oversized },
);

/** Every path in `value` at which a value sits, the root (`[]`) included. */
export function pathsOf(value: Json, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (value === null || typeof value !== 'object') return out;
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  for (const [k, v] of entries) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

/** Own, enumerable property even for `__proto__`, so JSON.stringify writes the key. */
export function defineOwn(target: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function clone(value: Json): Json {
  if (Array.isArray(value)) return value.map(clone);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) defineOwn(out, k, clone(v));
    return out;
  }
  return value;
}

/** `root` with `update` applied to the value at `path` (a copy; `root` is untouched). */
export function updateAt(root: Json, path: Path, update: (old: Json) => Json | undefined): Json {
  const copy = clone(root);
  if (path.length === 0) return update(copy) ?? null;
  let parent = copy as { [key: string]: Json } | Json[];
  for (const key of path.slice(0, -1))
    parent = (parent as Record<string | number, Json>)[key] as typeof parent;
  const last = path.at(-1) as string | number;
  const next = update((parent as Record<string | number, Json>)[last] as Json);
  if (Array.isArray(parent)) {
    if (next === undefined) parent.splice(last as number, 1);
    else parent[last as number] = next;
  } else if (next === undefined) delete parent[last];
  else defineOwn(parent, String(last), next);
  return copy;
}

export type Mutation =
  | { op: 'replace' | 'wrapInArray' | 'wrapInObject' | 'delete'; at: number; value: Json; key: string }
  | { op: 'addKey'; at: number; value: Json; key: string };

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom(
    'replace',
    'replace',
    'replace',
    'delete',
    'addKey',
    'addKey',
    'wrapInArray',
    'wrapInObject',
  ),
  at: fc.nat(),
  value: junk,
  key: anyKey,
});

/** Applies one mutation at the `at`-th path (modulo the number of paths) of `body`. */
export function mutate(body: Json, m: Mutation): Json {
  const paths = pathsOf(body);
  const path = paths[m.at % paths.length] as Path;
  switch (m.op) {
    case 'replace':
      return updateAt(body, path, () => m.value);
    case 'delete':
      return updateAt(body, path, () => undefined);
    case 'wrapInArray':
      return updateAt(body, path, (old) => [old]);
    case 'wrapInObject':
      return updateAt(body, path, (old) => ({ [m.key]: old }));
    case 'addKey':
      return updateAt(body, path, (old) => {
        if (old === null || typeof old !== 'object') return { [m.key]: m.value };
        if (Array.isArray(old)) return [...old, m.value];
        const out = clone(old) as { [key: string]: Json };
        defineOwn(out, m.key, m.value);
        return out;
      });
  }
}

/** Paths of every object (not array) in `value`: where a key can be added. */
export function objectPaths(value: Json): Path[] {
  return pathsOf(value).filter((p) => {
    let v: Json | undefined = value;
    for (const k of p) v = (v as Record<string | number, Json>)[k];
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
}

/** Fragments the chat extractor reacts to, including numbers it must not choke on. */
export const CHAT_FRAGMENTS = [
  '我们是',
  '做无人机配送的',
  '在粤海城T1',
  '粵海城',
  '去年营收',
  '营业收入',
  '纳税',
  '税收',
  '员工',
  '人',
  '3000万',
  '1.5亿',
  '两个亿',
  '十万八千',
  '壹佰万',
  '１２３万',
  '0.0001万',
  '99999999999999999999999亿',
  '1e400万',
  'NaN万',
  'Infinity亿',
  '-5万',
  '负100万',
  '万亿亿',
  '亿',
  '万',
  '元',
  '美元',
  '港币',
  '上市',
  '拟上市',
  '高新技术企业',
  '专精特新',
  '小巨人',
  '总部',
  '桂园',
  '东门街道',
  'revenue of 30 million',
  'we have 200 employees',
  'HKD 5m',
  'I6513',
  'Ｉ６５',
  '。',
  '，',
  ',',
  ' ',
  '\n',
  '\u0000',
  '\ud800',
  ...PROTOTYPE_WORDS,
];

export const chatMessage: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...CHAT_FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.integer({ min: 1, max: 400 }).map((n) => '3000万'.repeat(n).slice(0, 2000)),
);
