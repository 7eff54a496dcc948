import { ConflictException, Logger } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ErrorFilter } from './error.filter';
import { jsonDepth, refuseDeepJson } from './json-depth';

function pgError(code: string, fields: Record<string, string> = {}): QueryFailedError {
  const driverError = Object.assign(new Error(`failure ${code} for "Иван Секретов"`), { code, ...fields });
  return new QueryFailedError('INSERT INTO clients (name) VALUES ($1)', ['Иван Секретов'], driverError);
}

function run(exception: unknown) {
  const headers: Record<string, string> = {};
  const sent: { status?: number; body?: unknown } = {};
  const response = {
    headersSent: false,
    setHeader: (name: string, value: string) => (headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json: (body: unknown) => (sent.body = body),
  };
  const request = {
    method: 'POST',
    baseUrl: '',
    route: { path: '/api/companies/:companyId/clients' },
    originalUrl: '/api/companies/c1/clients',
    user: { id: 'u1', login: 'anna' },
    companyScope: { companyId: 'c1' },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }),
  } as unknown as ArgumentsHost;
  const logged: string[] = [];
  const spies = (['error', 'warn', 'log'] as const).map((level) =>
    jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => void logged.push(String(args[0]))),
  );
  try {
    new ErrorFilter().catch(exception, host);
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
  return { ...sent, headers, logged };
}

describe('ErrorFilter', () => {
  it.each([
    ['57014', 'statement timeout'],
    ['57P01', 'backend terminated (pg_terminate_backend, restart)'],
    ['57P03', 'database starting up'],
    ['08006', 'connection failure'],
    ['53300', 'too many connections'],
    ['40P01', 'deadlock'],
  ])('answers %s (%s) with 503 and Retry-After', (code) => {
    const { status, body, headers } = run(pgError(code));
    expect(status).toBe(503);
    expect(body).toEqual(expect.objectContaining({ statusCode: 503, error: 'Service Unavailable' }));
    expect(Number(headers['Retry-After'])).toBeGreaterThan(0);
  });

  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
  ])('answers %s with 503', (_name, error) => {
    expect(run(error).status).toBe(503);
  });

  it('keeps other database failures 500, logged by kind, route and ids without values', () => {
    const { status, body, logged } = run(pgError('23502', { table: 'clients', column: 'name' }));
    expect(status).toBe(500);
    expect(body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
      code: 'internal_error',
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('POST /api/companies/:companyId/clients');
    expect(logged[0]).toContain('user=u1');
    expect(logged[0]).toContain('company=c1');
    expect(logged[0]).toContain('23502');
    expect(logged[0]).toContain('column=name');
    expect(logged[0]).not.toContain('Секретов');
    expect(logged[0]).not.toContain('INSERT');
  });

  it('logs nothing for an expected conflict', () => {
    const { status, logged } = run(new ConflictException('This login is already taken'));
    expect(status).toBe(409);
    expect(logged).toEqual([]);
  });
});

describe('JSON depth', () => {
  const bytes = (text: string) => Buffer.from(text, 'utf8');

  it('counts nesting and ignores brackets inside strings', () => {
    expect(jsonDepth(bytes('{"a":[1,{"b":"[[[{{{"}]}'))).toBe(3);
    expect(jsonDepth(bytes('"\\"[["'))).toBe(0);
    expect(jsonDepth(bytes('[' + '{"x":'.repeat(10) + '1' + '}'.repeat(10) + ']'))).toBe(11);
  });

  it('refuses a body deeper than the limit with a 400 body-parser error', () => {
    const verify = refuseDeepJson(64);
    expect(() => verify(null, null, bytes('['.repeat(64) + ']'.repeat(64)), 'utf-8')).not.toThrow();
    expect(() => verify(null, null, bytes('['.repeat(65) + ']'.repeat(65)), 'utf-8')).toThrow(
      expect.objectContaining({ status: 400, expose: true }),
    );
    const utf16 = Buffer.from('['.repeat(100) + ']'.repeat(100), 'utf16le');
    expect(() => verify(null, null, utf16, 'utf-16le')).toThrow(expect.objectContaining({ status: 400 }));
  });
});
