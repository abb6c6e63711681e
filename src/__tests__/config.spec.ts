import path from 'node:path';
import { loadConfig } from '../config';

describe('loadConfig', () => {
  it('reads every setting from the environment it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://u:p@db:5432/registry',
      DATA_DIR: '/var/lib/registry',
      EMBEDDED_PG_PORT: '55432',
      LOG_LEVEL: 'warn',
      SEED_ON_EMPTY: 'false',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgres://u:p@db:5432/registry',
      dataDir: '/var/lib/registry',
      embeddedPgPort: 55432,
      logLevel: 'warn',
      seedOnEmptyDatabase: false,
    });
  });

  it('falls back to the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, host: '0.0.0.0', databaseUrl: undefined, embeddedPgPort: 0, logLevel: 'info', seedOnEmptyDatabase: true });
    expect(config.dataDir).toBe(path.resolve('.data'));
  });

  it('refuses a port that is not one', () => {
    expect(() => loadConfig({ PORT: 'http' })).toThrow(/PORT must be a port number/);
    expect(() => loadConfig({ EMBEDDED_PG_PORT: '70000' })).toThrow(/EMBEDDED_PG_PORT/);
  });
});
