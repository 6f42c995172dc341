import type { chat as zh } from '../zh/chat.js';

// 罗i企 chat replies, English (terms from docs/glossary.md). Same keys as ../zh/chat.ts.
export const chat: typeof zh = {
  intro:
    "Hi, I'm Luo i-Qi (罗i企). Tell me about your company and I'll match it with Luohu's support measures.",
  nothingNew: "I didn't find new details about your company in that message.",
  noted: 'Noted: {items}.',
  itemSeparator: ', ',
  eligible: 'You qualify for {count} {measures}, e.g. {titles}.',
  eligibleOne: 'You qualify for 1 {measures}: {titles}.',
  eligibleExpired: 'You qualify for {count} {measures} whose plan periods have ended, e.g. {titles}.',
  pending: '{count} more {measures} depend on details.',
  unsettled: "It isn't settled yet what you qualify for; {count} {measures} need more details.",
  noMatch: 'From what I know so far, no measure matches yet.',
  measures: { one: 'measure', other: 'measures' },
  title: '“{title}”',
  titleSeparator: ' and ',
  ellipsis: '…',
  closing: 'To apply, contact the District Enterprise Service Center.',
};
