import * as en from './en/index.js';
import * as zh from './zh/index.js';

// User-facing text lives in one folder per language: shared/i18n/zh/ (first) and
// shared/i18n/en/. Each folder has one file per area (engine, api, chat, cases,
// portal); a test checks that both languages have exactly the same keys.

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const messages = { zh, en } as const;
export type Messages = typeof zh;

export function messagesFor(lang: Lang): Messages {
  return messages[lang] as Messages;
}

/**
 * Templates split once into literal text and placeholder names (`[text, name,
 * text, …]`): explanations are filled per criterion per match, and a regular
 * expression replace per call was a tenth of a match. The templates are this
 * folder's, so the cache is small; it is bounded all the same.
 */
const splitTemplates = new Map<string, readonly string[]>();

/** Replaces `{name}` placeholders; a placeholder with no parameter stays as written. */
export function fill(template: string, params: Record<string, string | number>): string {
  let parts = splitTemplates.get(template);
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/);
    if (splitTemplates.size >= 1000) splitTemplates.clear();
    splitTemplates.set(template, parts);
  }
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    out += (name in params ? String(params[name]) : `{${name}}`) + (parts[i + 1] as string);
  }
  return out;
}
