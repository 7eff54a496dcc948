/** Bench database: a fresh real PostgreSQL database with the API's schema and generated sales. */
import { MIGRATIONS, SnakeNamingStrategy } from '@crm/api/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

export interface BenchDatabase {
  url: string;
  dataSource: DataSource;
}

/** Drops and re-creates `name` on the server of `adminUrl`, runs every migration and connects. */
export async function createBenchDatabase(adminUrl: string, name: string, poolSize = 4): Promise<BenchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Bad database name ${name}`);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataSource = new DataSource({
    type: 'postgres',
    url: url.toString(),
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: poolSize },
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return { url: url.toString(), dataSource };
}
