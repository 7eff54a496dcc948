import { connect } from 'node:net';
import { Client } from 'pg';

/*
 * The embedded database is one PGlite session shared by every connection (the API's pool, its job
 * queue's, these specs'): the run's database is started by `startEmbeddedPostgres`, as `npm start`
 * starts it. Each connection must see what it would see alone on a server: its own statements with
 * its own parameters, its own transaction, and a connection that goes away mid-way must not leave
 * the session to the others in its state. On a server the same specs hold trivially.
 */
const embedded = !process.env['TEST_DATABASE_URL'];
const url = () => process.env['E2E_DATABASE_URL'] as string;

describe('database session shared by several connections', () => {
  const clients: Client[] = [];
  const open = async () => {
    const client = new Client({ connectionString: url() });
    await client.connect();
    clients.push(client);
    return client;
  };

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
  });

  it("never runs a connection's statement with another's parameters", async () => {
    // A parameter larger than a TCP read splits its Bind across reads; the others' Parse then used
    // to arrive between this connection's Parse and Bind and take its unnamed statement.
    const big = 'x'.repeat(400_000);
    const [bigSender, ...others] = await Promise.all([open(), open(), open(), open()]);
    const failures: string[] = [];
    const check = async (run: () => Promise<unknown>, expected: unknown) => {
      try {
        const got = await run();
        if (got !== expected) failures.push(`got ${String(got).slice(0, 40)}, expected ${String(expected)}`);
      } catch (error) {
        failures.push((error as Error).message.slice(0, 80));
      }
    };
    await Promise.all([
      (async () => {
        for (let i = 0; i < 60; i++) {
          await check(
            async () => (await bigSender.query('SELECT length($1::text) + $2::int AS n', [big, i])).rows[0].n,
            big.length + i,
          );
        }
      })(),
      ...others.map(async (client, k) => {
        for (let i = 0; i < 300; i++) {
          await check(
            async () => (await client.query(`SELECT $1::int * 1000 + $2::int AS v${k}`, [k, i])).rows[0][`v${k}`],
            k * 1000 + i,
          );
        }
      }),
    ]);
    expect(failures).toEqual([]);
  }, 120_000);

  it("keeps one connection's transaction to itself while another waits", async () => {
    const [writer, reader] = await Promise.all([open(), open()]);
    await writer.query('CREATE TABLE IF NOT EXISTS session_probe (n int)');
    await writer.query('TRUNCATE session_probe');
    await writer.query('BEGIN');
    await writer.query('INSERT INTO session_probe VALUES ($1)', [1]);
    // The reader's query waits for the writer's transaction instead of running inside it.
    let read: number | undefined;
    const reading = reader
      .query('SELECT count(*)::int AS n FROM session_probe')
      .then((r) => (read = r.rows[0].n as number));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Embedded, the reader waits for the writer's transaction; a server answers it at once. Neither
    // shows it the writer's row.
    if (embedded) expect(read).toBeUndefined();
    await writer.query('ROLLBACK');
    await reading;
    expect(read).toBe(0);
    await reader.query('DROP TABLE session_probe');
  });

  it('ends what a closed connection left open, so the next connection runs normally', async () => {
    const [writer] = await Promise.all([open()]);
    await writer.query('CREATE TABLE IF NOT EXISTS session_left (n int)');
    await writer.query('TRUNCATE session_left');
    await writer.query('BEGIN');
    await writer.query('INSERT INTO session_left VALUES ($1)', [1]);
    await writer.end();
    clients.splice(clients.indexOf(writer), 1);
    const next = await open();
    expect((await next.query('SELECT count(*)::int AS n FROM session_left')).rows).toEqual([{ n: 0 }]);

    // A raw connection that sends a failing Parse and goes away before its Sync: the session would
    // otherwise skip the next connection's messages until a Sync.
    await rawParseThenClose(url(), 'SELECT * FROM no_such_table');
    expect((await next.query('SELECT $1::int + 1 AS n', [41])).rows).toEqual([{ n: 42 }]);
    await next.query('DROP TABLE session_left');
  });
});

/** Opens a protocol connection by hand, sends a Parse without a Sync, and closes it. */
async function rawParseThenClose(url: string, sql: string): Promise<void> {
  const { hostname, port, username, pathname } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const startup = message(null, [
    int32(196608),
    cstring('user'),
    cstring(username || 'postgres'),
    cstring('database'),
    cstring(pathname.slice(1) || 'postgres'),
    Buffer.from([0]),
  ]);
  const ready = new Promise<void>((resolve) => {
    let seen = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      seen = Buffer.concat([seen, chunk]);
      if (seen.includes(Buffer.from([0x5a, 0, 0, 0, 5]))) resolve();
    });
  });
  socket.write(startup);
  await ready;
  socket.write(message('P', [cstring(''), cstring(sql), Buffer.from([0, 0])]));
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.destroy();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

function message(type: string | null, parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const head = type === null ? Buffer.alloc(0) : Buffer.from(type);
  return Buffer.concat([head, int32(body.length + 4), body]);
}
function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}
function cstring(s: string): Buffer {
  return Buffer.from(`${s}\0`);
}
