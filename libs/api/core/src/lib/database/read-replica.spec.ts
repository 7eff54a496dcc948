import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { parseLsn, ReadReplica, replicaMayServe } from './read-replica';

describe('parseLsn', () => {
  it('reads both halves as hex', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
  });

  it('orders positions across the high half, not as text', () => {
    // As strings '9/0' > '10/0'; as positions it is the other way round.
    expect(parseLsn('10/0') > parseLsn('9/FFFFFFFF')).toBe(true);
    expect(parseLsn('0/A0') > parseLsn('0/9F')).toBe(true);
  });

  it('refuses what is not a position', () => {
    expect(() => parseLsn('')).toThrow(/WAL position/);
    expect(() => parseLsn('12345')).toThrow(/WAL position/);
    expect(() => parseLsn('0/XYZ')).toThrow(/WAL position/);
  });
});

describe('replicaMayServe', () => {
  it('serves from the replica once it has replayed the needed position', () => {
    expect(replicaMayServe('0/3000060', '0/3000060')).toBe(true);
    expect(replicaMayServe('1/0', '0/FFFFFFFF')).toBe(true);
  });

  it('reads from the primary while the replica is behind', () => {
    expect(replicaMayServe('0/300005F', '0/3000060')).toBe(false);
    expect(replicaMayServe('9/FFFFFFFF', '10/0')).toBe(false);
  });

  it('reads from the primary when the server is not a replica in recovery', () => {
    expect(replicaMayServe(null, '0/0')).toBe(false);
  });
});

describe('ReadReplica.route', () => {
  const config = (readUrl?: string) =>
    ({
      database: { url: 'postgres://primary/db', readUrl, poolSize: 2, statementTimeoutMs: 0, poolWaitMs: 1000 },
      logLevel: 'error',
    }) as unknown as AppConfig;
  /** A primary answering the company's write position; a replica answering its replay position. */
  const fakes = (written: string, replays: (string | null)[]) => {
    const primaryQueries: unknown[][] = [];
    const primary = {
      query: jest.fn(async (sql: string, params: unknown[]) => {
        primaryQueries.push([sql, params]);
        return [{ lsn: written }];
      }),
    } as unknown as DataSource;
    const replayed = [...replays];
    const replica = {
      isInitialized: true,
      query: jest.fn(async () => [{ lsn: replayed.length > 1 ? replayed.shift() : replayed[0] }]),
    } as unknown as DataSource;
    return { primary, replica, primaryQueries };
  };
  const withReplica = (service: ReadReplica, replica: DataSource) => Object.assign(service, { replica }) as ReadReplica;
  const company = { companyId: '00000000-0000-4000-8000-000000000001' };

  it('answers from the primary, asking nothing, when no replica is configured', async () => {
    const { primary, primaryQueries } = fakes('0/10', ['0/20']);
    const route = await new ReadReplica(config(), primary).route(company);
    expect(route).toEqual({ dataSource: primary, pool: 'primary' });
    expect(primaryQueries).toHaveLength(0);
  });

  it('answers from the replica when it has replayed the company’s last write, and counts it', async () => {
    const { primary, replica, primaryQueries } = fakes('0/10', ['0/20']);
    const service = withReplica(new ReadReplica(config('postgres://replica/db'), primary), replica);
    const route = await service.route(company);
    expect(route.pool).toBe('replica');
    expect(route.dataSource).toBe(replica);
    expect(primaryQueries[0][1]).toEqual([company.companyId]);
    expect((await service.reads.get()).values).toEqual([
      expect.objectContaining({ labels: { pool: 'replica', reason: 'caught-up' }, value: 1 }),
    ]);
  });

  it('answers from the primary while the replica is behind the company’s write (read-your-writes)', async () => {
    const { primary, replica } = fakes('0/30', ['0/20']);
    const service = withReplica(new ReadReplica(config('postgres://replica/db'), primary), replica);
    expect((await service.route(company)).pool).toBe('primary');
    expect((await service.reads.get()).values[0].labels).toEqual({ pool: 'primary', reason: 'behind' });
  });

  it('asks the replica again only when the last replay position seen is not far enough', async () => {
    const { primary, replica } = fakes('0/10', ['0/20', '0/40']);
    const service = withReplica(new ReadReplica(config('postgres://replica/db'), primary), replica);
    expect((await service.route(company)).pool).toBe('replica');
    expect((await service.route(company)).pool).toBe('replica');
    expect(replica.query).toHaveBeenCalledTimes(1);
  });

  it('answers from the primary when the caller needs what it has just written there', async () => {
    const { primary, replica, primaryQueries } = fakes('0/10', ['0/20']);
    const service = withReplica(new ReadReplica(config('postgres://replica/db'), primary), replica);
    expect((await service.route(company, { primaryRequired: true })).pool).toBe('primary');
    expect(primaryQueries).toHaveLength(0);
  });

  it('answers from the primary when the read server is not in recovery', async () => {
    const { primary, replica } = fakes('0/10', [null]);
    const service = withReplica(new ReadReplica(config('postgres://replica/db'), primary), replica);
    expect((await service.route(company)).pool).toBe('primary');
    expect((await service.reads.get()).values[0].labels).toEqual({ pool: 'primary', reason: 'not-a-replica' });
  });

  it('answers from the primary when the replica fails', async () => {
    const { primary } = fakes('0/10', ['0/20']);
    const broken = { isInitialized: true, query: jest.fn().mockRejectedValue(new Error('connection refused')) };
    const service = withReplica(new ReadReplica(config('postgres://replica/db'), primary), broken as never);
    expect((await service.route(company)).pool).toBe('primary');
    expect((await service.reads.get()).values[0].labels).toEqual({ pool: 'primary', reason: 'replica-down' });
  });
});
