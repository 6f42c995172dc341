import type { Hook } from '@hono/zod-openapi';
import type { z } from 'zod';
import { fill, type Lang, messagesFor } from '../../shared/i18n/index.js';
import type { ApiEnv } from './env.js';
import { type FieldError, validationProblem } from './problem.js';

// zod issues → `errors: [{ path, message }]` in the caller's language. zod's own
// messages are English and name zod concepts; callers get our wording instead.

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/** `['profile', 'designations', 0]` → `profile.designations[0]`. */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** The key into the i18n `fields` table: the path without array indices. */
function fieldKey(path: readonly PathKey[]): string {
  return path
    .filter((k) => typeof k !== 'number')
    .map(String)
    .join('.');
}

function valueAt(data: unknown, path: readonly PathKey[]): unknown {
  let v = data;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key as string];
  }
  return v;
}

// Fields whose format check is a pattern in a shared schema: their own explanation.
const FORMAT_MESSAGES: Record<string, 'industryCode' | 'date'> = {
  'profile.industry.code': 'industryCode',
  asOf: 'date',
};

/** A custom issue names its message with `params.message`, a dotted key into `validation` (e.g. `creditCode.checksum`). */
function customReason(issue: Issue, lang: Lang): string | undefined {
  const params = (issue as { params?: Record<string, unknown> }).params;
  const key = params?.message;
  if (typeof key !== 'string') return undefined;
  let node: unknown = messagesFor(lang).api.validation;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') return undefined;
  const values = Object.fromEntries(
    Object.entries(params ?? {}).filter(
      (e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number',
    ),
  );
  return fill(node, values);
}

function reason(issue: Issue, lang: Lang, data: unknown): string {
  const t = messagesFor(lang).api.validation;
  const list = (values: readonly unknown[]) =>
    values.map((v) => String(v)).join(messagesFor(lang).engine.listSeparator);
  switch (issue.code) {
    case 'invalid_type': {
      if (valueAt(data, issue.path) === undefined) return t.required;
      const expected = issue.expected === 'int' ? 'integer' : issue.expected;
      if (expected === 'number' && typeof valueAt(data, issue.path) === 'number') return t.notFinite;
      return fill(t.expected, { expected: t.types[expected] ?? expected });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return fill(t.stringTooLong, { max });
      if (issue.origin === 'array' || issue.origin === 'set') return fill(t.arrayTooLong, { max });
      return fill(t.numberTooBig, { max });
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return fill(t.stringTooShort, { min });
      if (issue.origin === 'array' || issue.origin === 'set') return fill(t.arrayTooShort, { min });
      return fill(t.numberTooSmall, { min });
    }
    case 'invalid_value':
      return fill(t.oneOf, { values: list(issue.values) });
    case 'invalid_format': {
      const special = FORMAT_MESSAGES[fieldKey(issue.path)];
      return special ? t[special] : t.badFormat;
    }
    case 'custom':
      return customReason(issue, lang) ?? t.invalid;
    default:
      return t.invalid;
  }
}

function fieldError(path: readonly PathKey[], why: string, lang: Lang): FieldError {
  const t = messagesFor(lang).api;
  const key = fieldKey(path);
  const label = t.fields[key] ?? formatPath(path);
  return { path: formatPath(path), message: fill(t.validation.fieldMessage, { field: label, reason: why }) };
}

/**
 * One error per offending field (the first problem zod found with it: a date
 * that fails its pattern is not also reported as no calendar date); an unknown
 * key is reported at its own path.
 */
export function issuesToErrors(issues: readonly Issue[], lang: Lang, data: unknown): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  const add = (error: FieldError) => {
    if (seen.has(error.path)) return;
    seen.add(error.path);
    out.push(error);
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const why = messagesFor(lang).api.validation.unknownKey;
      for (const key of issue.keys) add(fieldError([...issue.path, key], why, lang));
    } else {
      add(fieldError(issue.path, reason(issue, lang, data), lang));
    }
  }
  return out;
}

/** The app's defaultHook: a failed zod check becomes a 400 validation problem. */
export const validationHook: Hook<unknown, ApiEnv, string, void> = (result) => {
  if (!result.success) {
    const { issues } = result.error;
    const data = (result as { data?: unknown }).data;
    throw validationProblem((lang) => issuesToErrors(issues, lang, data));
  }
};

/** A single field error, for checks that need the catalog (unknown track ids and the like). */
export function fieldProblem(path: readonly PathKey[], message: (lang: Lang) => string) {
  return validationProblem((lang) => [fieldError(path, message(lang), lang)]);
}
