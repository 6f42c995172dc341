import { normalizeCreditCode } from '../credit-code.js';
import type { Profile } from '../profile.js';
import { toHalfWidth, traditionalToSimplified } from '../text/normalize.js';

// Text-level normalisation of a profile before matching: Traditional Chinese to
// Simplified, full-width letters and digits to half-width, stray spaces removed.
// Resolution against the catalog (building, subdistrict) happens in match().

function cleanText(text: string): string {
  const folded = traditionalToSimplified(toHalfWidth(text));
  // Most names have no whitespace at all: a test is cheaper than a replace and a trim.
  return /\s/.test(folded) ? folded.replace(/\s+/g, ' ').trim() : folded;
}

export function normalizeProfile(profile: Profile): Profile {
  const out: Profile = { ...profile };
  if (out.name !== undefined) out.name = cleanText(out.name);
  if (out.creditCode !== undefined) out.creditCode = normalizeCreditCode(out.creditCode);
  if (out.building !== undefined) out.building = cleanText(out.building);
  if (out.subdistrict !== undefined) out.subdistrict = cleanText(out.subdistrict);
  if (out.industry) {
    const industry = { ...out.industry };
    if (industry.code !== undefined)
      industry.code = toHalfWidth(industry.code).replace(/\s+/g, '').toUpperCase();
    if (industry.tracks)
      industry.tracks = [...new Set(industry.tracks.map((t) => t.trim().toLowerCase()))].sort();
    if (industry.description !== undefined) industry.description = cleanText(industry.description);
    out.industry = industry;
  }
  if (out.designations) out.designations = [...new Set(out.designations)].sort();
  return out;
}
