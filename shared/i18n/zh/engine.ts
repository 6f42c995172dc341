// Engine text (zh). Placeholder until the engine lands; keys must match en/engine.ts.
export const engine = {
  amountPerRules: '具体金额以实施细则为准',
};
