import type { CompiledCatalog } from '../../shared/engine/index.js';
import { fill, messagesFor } from '../../shared/i18n/index.js';
import { fieldProblem } from '../http/validation.js';

/**
 * A track filter with a typo would silently match nothing; it is refused
 * instead, naming the field (`track`, `tracks[1]`) in a 400 validation problem.
 */
export function assertKnownTrack(
  catalog: CompiledCatalog,
  value: string,
  path: readonly (string | number)[],
): void {
  if (catalog.trackNames.has(value)) return;
  throw fieldProblem(path, (lang) =>
    fill(messagesFor(lang).api.validation.unknownTrack, { value: value.slice(0, 64) }),
  );
}
