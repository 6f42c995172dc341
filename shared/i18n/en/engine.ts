import type { engine as zh } from '../zh/engine.js';

export const engine: typeof zh = {
  amountPerRules: 'Amount per implementing rules',
};
