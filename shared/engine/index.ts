// The matching engine: pure, deterministic, no I/O and no clock.
export { type CompiledCatalog, compileCatalog } from './compile.js';
export { ENGINE_VERSION, getPolicy, listPolicies, match, resolveBuilding, validityOn } from './match.js';
export { normalizeCreditCode } from '../credit-code.js';
export { normalizeProfile } from './normalize.js';
export type * from './types.js';
