import type { Building } from '../catalog/schema.js';
import { FIELDS, type FieldId } from '../fields.js';
import { type Lang, messagesFor } from '../i18n/index.js';
import { formatCny } from '../money.js';
import type { CompiledCatalog } from './compile.js';

// How catalog and profile values read to people, in each language.

/** The parts of a compiled catalog that name things: buildings, tracks, industries, subdistricts. */
export type Names = Pick<CompiledCatalog, 'buildingById' | 'trackNames' | 'industryNames' | 'catalog'>;

/** A building as people read it: its English name in en where it has one. */
export function buildingLabel(b: Building, lang: Lang): string {
  return lang === 'en' && b.nameEn ? b.nameEn : b.name;
}

/** Renders one catalog or profile value of a field for people. */
export function formatValue(cc: Names, field: FieldId, value: unknown, lang: Lang): string {
  const m = messagesFor(lang).engine;
  const def = FIELDS[field];
  if (value === undefined || value === null) return m.notReported;
  if (Array.isArray(value)) {
    if (value.length === 0) return m.notReported;
    return value.map((v) => formatValue(cc, field, v, lang)).join(m.listSeparator);
  }
  if ('money' in def && def.money && typeof value === 'number') return formatCny(value, lang);
  if (field === 'employees' && typeof value === 'number') return lang === 'zh' ? `${value}人` : `${value}`;
  if (typeof value === 'boolean') return m.options.boolean[String(value) as 'true' | 'false'];
  const s = String(value);
  switch (field) {
    case 'industry.tracks':
    case 'building.tracks':
      return cc.trackNames.get(s)?.[lang] ?? s;
    case 'building': {
      const b = cc.buildingById.get(s);
      return b ? buildingLabel(b, lang) : s;
    }
    case 'industry.code': {
      const name = cc.industryNames.get(s);
      return name ? `${s} ${name[lang]}` : s;
    }
    case 'subdistrict': {
      const sd = cc.catalog.subdistricts.find((x) => x.id === s);
      return sd ? sd.name[lang] : s;
    }
    case 'designations':
    case 'listing.status':
    case 'listing.market':
    case 'ownership':
    case 'headquarters': {
      const table = m.options[field] as Record<string, string>;
      return table[s] ?? s;
    }
    default:
      return s;
  }
}
