import type { Lang, Messages } from '../../shared/i18n/index.js';

// What the page is told in one language: its own strings (shared/i18n/*/portal.ts)
// and the engine's labels for fields and options (shared/i18n/*/engine.ts), so
// the page never keeps a copy of either. The portal route embeds this in the
// HTML for the first language and serves it as JSON for a switch.

export interface PortalText {
  lang: Lang;
  portal: Messages['portal'];
  fields: Messages['engine']['fields'];
  options: Pick<
    Messages['engine']['options'],
    'boolean' | 'listing.status' | 'ownership' | 'headquarters' | 'designations'
  >;
  listSeparator: string;
  /** Luohu's subdistricts: id (the API's value) and name in this language. */
  subdistricts: { id: string; name: string }[];
}
