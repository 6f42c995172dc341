import { foldName } from '../text/normalize.js';
import type { Building } from './schema.js';

// Resolves a building by id, name or alias in any script, width or spacing.
// Used by catalog validation (criteria name buildings as printed in the plans)
// and by the engine (profiles name the building the company is in).

/** Resolutions remembered (profiles repeat the same few names); bounded so input cannot grow it. */
const MEMO_LIMIT = 2000;

export class BuildingIndex {
  private readonly byKey = new Map<string, Building>();
  private readonly memo = new Map<string, Building | null>();

  constructor(readonly buildings: readonly Building[]) {
    for (const b of buildings) {
      for (const key of [b.id, b.name, b.nameEn, ...b.aliases]) {
        if (!key) continue;
        const folded = foldName(key);
        if (folded && !this.byKey.has(folded)) this.byKey.set(folded, b);
      }
    }
  }

  resolve(text: string | undefined): Building | undefined {
    if (!text) return undefined;
    const known = this.memo.get(text);
    if (known !== undefined) return known ?? undefined;
    const found = this.lookup(text);
    if (text.length <= 200) {
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(text, found ?? null);
    }
    return found;
  }

  private lookup(text: string): Building | undefined {
    const folded = foldName(text);
    if (!folded) return undefined;
    const exact = this.byKey.get(folded);
    if (exact) return exact;
    // Tolerate common suffixes users add or drop: 大厦 / 大楼 / 广场 written out or not.
    for (const suffix of ['大厦', '大楼', '广场', '写字楼', '办公楼', 'building', 'tower']) {
      if (folded.endsWith(suffix)) {
        const hit = this.byKey.get(folded.slice(0, -suffix.length));
        if (hit) return hit;
      } else {
        const hit = this.byKey.get(folded + suffix);
        if (hit) return hit;
      }
    }
    return undefined;
  }
}
