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

/** Replaces `{name}` placeholders. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
