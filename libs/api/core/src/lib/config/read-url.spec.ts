import { loadAppConfig } from './app-config';

describe('DATABASE_READ_URL', () => {
  const base = {
    NODE_ENV: 'production',
    JWT_SECRET: 'x'.repeat(32),
    KEY_ENCRYPTION_SECRET: 'y'.repeat(32),
    DATABASE_URL: 'postgres://crm@127.0.0.1:5432/crm',
  };

  it('is the replica analytics reads use, with the primary in DATABASE_URL', () => {
    const config = loadAppConfig({ ...base, DATABASE_READ_URL: 'postgres://crm@127.0.0.1:5433/crm' });
    expect(config.database).toMatchObject({
      url: 'postgres://crm@127.0.0.1:5432/crm',
      readUrl: 'postgres://crm@127.0.0.1:5433/crm',
    });
  });

  it('is optional: unset, there is no replica', () => {
    expect(loadAppConfig(base).database.readUrl).toBeUndefined();
    expect(loadAppConfig({ ...base, DATABASE_READ_URL: '' }).database.readUrl).toBeUndefined();
  });

  it('must be a postgres:// connection string', () => {
    expect(() => loadAppConfig({ ...base, DATABASE_READ_URL: 'replica:5433' })).toThrow(
      /DATABASE_READ_URL must be a postgres:\/\/ connection string/,
    );
  });

  it('needs DATABASE_URL: the embedded database has no replica', () => {
    expect(() =>
      loadAppConfig({ ...base, DATABASE_URL: undefined, DATABASE_READ_URL: 'postgres://crm@127.0.0.1:5433/crm' }),
    ).toThrow(/DATABASE_READ_URL needs DATABASE_URL/);
  });
});
