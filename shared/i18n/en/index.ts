// One export per area. Add a line when you add an area file.
export { engine } from './engine.js';
