// Text and data placed into the HTML pages the app serves (/docs and the portal).

/** Text for an HTML element or a quoted attribute: every character with a meaning in markup is a character reference. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** JSON inside a <script type="application/json"> block: `<` escaped so no `</script>` can close it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
