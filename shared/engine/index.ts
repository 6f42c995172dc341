// The matching engine: pure, deterministic, no I/O and no clock.

export { normalizeCreditCode } from '../credit-code.js';
export { type CompiledCatalog, compileCatalog, departmentLabel } from './compile.js';
export {
  ENGINE_VERSION,
  getPolicy,
  listPolicies,
  match,
  resolveBuilding,
  understand,
  validityOn,
} from './match.js';
export { normalizeProfile } from './normalize.js';
export { matchResultJson } from './serialize.js';
export type * from './types.js';
