import { describe, expect, it } from 'vitest';
import { listenAddressFromEnv } from '../../functions/local.js';

// `npm start` listens on HOST and PORT (README, settings).
describe('the address npm start listens on', () => {
  it('is this machine only, port 3000, unless HOST and PORT say otherwise', () => {
    expect(listenAddressFromEnv({})).toEqual({ hostname: '127.0.0.1', port: 3000 });
    expect(listenAddressFromEnv({ HOST: ' ', PORT: '3000' })).toEqual({ hostname: '127.0.0.1', port: 3000 });
    expect(listenAddressFromEnv({ HOST: '0.0.0.0', PORT: '8080' })).toEqual({
      hostname: '0.0.0.0',
      port: 8080,
    });
    expect(listenAddressFromEnv({ HOST: '::1' })).toEqual({ hostname: '::1', port: 3000 });
  });

  it('refuses a PORT that is not a TCP port', () => {
    for (const PORT of ['0', '65536', 'http', '80.5'])
      expect(() => listenAddressFromEnv({ PORT })).toThrow(/PORT/);
  });
});
