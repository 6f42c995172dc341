// One export per area. Add a line when you add an area file.
export { api } from './api.js';
export { cases } from './cases.js';
export { chat } from './chat.js';
export { engine } from './engine.js';
export { portal } from './portal.js';
