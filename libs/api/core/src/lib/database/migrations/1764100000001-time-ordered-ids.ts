import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * New clients and sales get time-ordered ids (the UUID version 7 layout: 48 bits of Unix
 * milliseconds, then random bits) instead of fully random ones. Ids stay unguessable and unique,
 * but the rows written together land next to each other in every index keyed by id — the primary
 * keys, `(company_id, id)` and the items' `(sale_id, position)` — instead of on random pages of
 * indexes far larger than the buffer cache, which also spared each checkpoint cycle a full-page
 * image in the WAL for every touched page. Existing ids are kept.
 */
export class TimeOrderedIds1764100000001 implements MigrationInterface {
  name = 'TimeOrderedIds1764100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION crm_time_ordered_uuid() RETURNS uuid LANGUAGE sql VOLATILE AS $$
        SELECT encode(
          set_bit(set_bit(
            overlay(uuid_send(gen_random_uuid())
                    PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                    FROM 1 FOR 6),
            52, 1), 53, 1),
          'hex')::uuid
      $$`);
    await q.query(`ALTER TABLE clients ALTER COLUMN id SET DEFAULT crm_time_ordered_uuid()`);
    await q.query(`ALTER TABLE sales ALTER COLUMN id SET DEFAULT crm_time_ordered_uuid()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sales ALTER COLUMN id SET DEFAULT gen_random_uuid()`);
    await q.query(`ALTER TABLE clients ALTER COLUMN id SET DEFAULT gen_random_uuid()`);
    await q.query(`DROP FUNCTION crm_time_ordered_uuid()`);
  }
}
