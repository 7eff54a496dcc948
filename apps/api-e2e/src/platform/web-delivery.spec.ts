import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type ApiProcess, startApi } from '../support/api-process';

/** A raw answer: the bytes as sent, not decoded (fetch and supertest would decode them). */
async function raw(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const req = httpRequest(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    },
  );
}

/** A web build as Angular lays it out: hashed bundles, a page naming them, unhashed public files. */
function fakeWebBuild(dir: string) {
  const main = Array.from(
    { length: 4000 },
    (_, i) => `export function component${i}(ctx){return ctx.render("row-${i}", ${i % 97});}\n`,
  ).join('');
  const files = {
    'index.html': `<!doctype html><html><head><link rel="stylesheet" href="styles-5INURTSO.css"></head><body><crm-root></crm-root><script src="main-QMCV5HSD.js" type="module"></script></body></html>`,
    'main-QMCV5HSD.js': main,
    'styles-5INURTSO.css': 'body{margin:0}\n'.repeat(200),
    'media/roboto-latin-400-ZQYFB4MZ.woff2': 'woff2',
    'favicon.ico': 'icon',
  };
  mkdirSync(join(dir, 'media'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return files;
}

describe('the web app served by the API (CRM_WEB_DIST)', () => {
  let dir: string;
  let files: Record<string, string>;
  let server: ApiProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crm-web-dist-'));
    files = fakeWebBuild(dir);
    server = await startApi({
      DATABASE_URL: process.env['E2E_DATABASE_URL'] as string,
      CRM_DATA_DIR: process.env['E2E_DATA_DIR'] as string,
      DB_POOL_SIZE: process.env['TEST_DATABASE_URL'] ? '2' : '1',
      CRM_WEB_DIST: dir,
    });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('compresses bundles with brotli or gzip as the browser accepts, and caches hashed files for a year', async () => {
    const url = `${server.url}/main-QMCV5HSD.js`;
    const original = Buffer.from(files['main-QMCV5HSD.js']);

    const gzip = await raw(url, { 'Accept-Encoding': 'gzip' });
    expect(gzip.status).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(original)).toBe(true);
    expect(gzip.body.length).toBeLessThan(original.length / 5);
    expect(gzip.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gzip.headers['vary']).toMatch(/Accept-Encoding/i);

    const br = await raw(url, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);

    const plain = await raw(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);

    for (const hashed of ['styles-5INURTSO.css', 'media/roboto-latin-400-ZQYFB4MZ.woff2']) {
      const res = await raw(`${server.url}/${hashed}`, { 'Accept-Encoding': 'gzip' });
      expect({ hashed, cache: res.headers['cache-control'] }).toEqual({
        hashed,
        cache: 'public, max-age=31536000, immutable',
      });
    }
    const styles = await raw(`${server.url}/styles-5INURTSO.css`, { 'Accept-Encoding': 'gzip' });
    expect(styles.headers['content-encoding']).toBe('gzip');
  });

  it('has the browser revalidate the page on every load, at / and at every route of the app', async () => {
    for (const path of ['/', '/index.html', '/clients/42', '/api-keys']) {
      const res = await raw(`${server.url}${path}`, { 'Accept-Encoding': 'gzip' });
      expect({ path, status: res.status, cache: res.headers['cache-control'] }).toEqual({
        path,
        status: 200,
        cache: 'no-cache',
      });
      const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.body) : res.body;
      expect(body.toString()).toBe(files['index.html']);
    }
    const icon = await raw(`${server.url}/favicon.ico`);
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('leaves API answers as they were', async () => {
    const res = await raw(`${server.url}/api/docs-json`, { 'Accept-Encoding': 'gzip, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.body.toString()).openapi).toMatch(/^3\./);
  });
});
