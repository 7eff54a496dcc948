import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
const db = await PGlite.create();
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
await server.start();
const url = `postgres://postgres:postgres@${server.getServerConn()}/postgres`;
const clients = await Promise.all([0,1,2,3].map(async () => { const c = new pg.Client({ connectionString: url }); await c.connect(); return c; }));
let bad = 0, errors = 0;
const big = 'x'.repeat(Number(process.env.BIG ?? 300000));
const t0 = Date.now();
await Promise.race([
  Promise.all(clients.map(async (c, k) => {
    for (let i = 0; i < Number(process.env.N ?? 200); i++) {
      try {
        const r = k === 0
          ? await c.query(`SELECT length($1::text) + $2::int AS big`, [big, i])
          : await c.query(`SELECT $1::int * 1000 + $2::int AS v${k}`, [k, i]);
        const got = k === 0 ? r.rows[0].big : r.rows[0]['v' + k];
        const want = k === 0 ? big.length + i : k * 1000 + i;
        if (got !== want) { bad++; if (bad < 4) console.log('bad', k, i, r.rows[0]); }
      } catch (e) { errors++; if (errors < 4) console.log('error', k, e.message.slice(0,80)); }
    }
  })),
  new Promise((r) => setTimeout(() => { console.log('STALL'); r(); }, 30000)),
]);
console.log({ bad, errors, ms: Date.now() - t0 });
process.exit(0);
