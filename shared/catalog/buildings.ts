import { foldName } from '../text/normalize.js';
import type { Building } from './schema.js';

// Resolves a building by id, name or alias in any script, width or spacing.
// Used by catalog validation (criteria name buildings as printed in the plans)
// and by the engine (profiles name the building the company is in).

export class BuildingIndex {
  private readonly byKey = new Map<string, Building>();

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
