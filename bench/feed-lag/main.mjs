// Feed lag: the time from a batch's 200 to the first feed read that returns its rows, idle and
// under concurrent writers, with and without long transactions that write nothing of the company.
//
//   CRM_API_URL=http://127.0.0.1:3000 DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/crm \
//     node bench/feed-lag/main.mjs
//
// DATABASE_URL is the API's database (a real PostgreSQL server): the long transactions are opened
// there and in the server's `postgres` database. Figures: bench/feed-lag/README.md.
import pg from 'pg';

const API = process.env.CRM_API_URL ?? 'http://127.0.0.1:3000';
const DB = process.env.DATABASE_URL;
const SAMPLES = Number(process.env.SAMPLES ?? 40);
if (!DB) throw new Error('DATABASE_URL is required');

async function call(method, path, { body, key, token } = {}) {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(key ? { 'x-api-key': key } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

async function company(name) {
  const login = `lag-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const reg = await call('POST', '/api/auth/register', {
    body: { login, password: 'correct horse battery', companyName: name },
  });
  const key = await call('POST', `/api/companies/${reg.company.id}/api-keys`, {
    body: { name: 'lag' },
    token: reg.accessToken,
  });
  return key.key;
}

/** Reads the clients feed from `cursor` to its end; returns the new cursor and the externalIds. */
async function drain(key, cursor) {
  const seen = [];
  for (;;) {
    const q = new URLSearchParams({ limit: '1000', ...(cursor ? { cursor } : {}) });
    const page = await call('GET', `/api/v1/clients?${q}`, { key });
    seen.push(...page.items.map((c) => c.externalId));
    if (page.items.length) cursor = page.nextCursor ?? cursor;
    if (!page.nextCursor) return { cursor, seen };
  }
}

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

async function phase(name, key, { writers = 0, longInOtherDb = false, longInOurs = false }) {
  const holders = [];
  const open = async (url) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('BEGIN');
    await c.query('SELECT pg_current_xact_id()');
    holders.push(c);
  };
  if (longInOtherDb) {
    const other = new URL(DB);
    other.pathname = '/postgres';
    await open(other.toString());
  }
  if (longInOurs) await open(DB);
  let stop = false;
  let written = 0;
  const load = Array.from({ length: writers }, async (_, w) => {
    for (let b = 0; !stop; b++) {
      const items = Array.from({ length: 100 }, (_, i) => ({ externalId: `${name}-W${w}-${b}-${i}`, name: 'load' }));
      await call('POST', '/api/v1/clients/batch', { key, body: { items } });
      written += 100;
    }
  });
  let { cursor } = await drain(key, undefined);
  const lags = [];
  const started = Date.now();
  for (let i = 0; i < SAMPLES; i++) {
    const marker = `${name}-M-${i}`;
    await call('POST', '/api/v1/clients/batch', { key, body: { items: [{ externalId: marker }] } });
    const committed = performance.now();
    for (;;) {
      const read = await drain(key, cursor);
      cursor = read.cursor;
      if (read.seen.includes(marker)) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    lags.push(performance.now() - committed);
  }
  stop = true;
  await Promise.all(load);
  for (const c of holders) await c.query('ROLLBACK').finally(() => c.end());
  const rate = Math.round(written / ((Date.now() - started) / 1000));
  const f = (x) => `${x.toFixed(1)} ms`;
  console.log(
    `${name.padEnd(44)} p50 ${f(pct(lags, 50))}  p95 ${f(pct(lags, 95))}  max ${f(Math.max(...lags))}` +
      (writers ? `  (${writers} writers, ${rate} clients/s)` : ''),
  );
}

const key = await company('Feed lag');
await phase('idle', key, {});
await phase('idle, long tx in another database', key, { longInOtherDb: true });
await phase('idle, long tx of ours (another table)', key, { longInOurs: true });
await phase('4 writers of the company', key, { writers: 4 });
await phase('4 writers, both long transactions open', key, { writers: 4, longInOtherDb: true, longInOurs: true });
