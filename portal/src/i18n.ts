import type { PortalText } from './text.js';

// The page's current language. Static parts of the page bind their text once
// (`bound`, `onLanguage`) and are re-labelled in place on a language switch, so
// what the user typed or ticked stays where it is. Parts rebuilt from API data
// (results, the next question) simply render again in the new language.

let current: PortalText;
const bindings: (() => void)[] = [];

export function text(): PortalText {
  return current;
}

export function setText(next: PortalText): void {
  current = next;
  document.documentElement.lang = next.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = next.portal.title;
  for (const apply of bindings) apply();
}

/** A text node that follows the language. */
export function bound(pick: (t: PortalText) => string): Text {
  const node = document.createTextNode(pick(current));
  bindings.push(() => {
    node.data = pick(current);
  });
  return node;
}

/** Runs `apply` now and after every language switch. */
export function onLanguage(apply: () => void): void {
  apply();
  bindings.push(apply);
}
