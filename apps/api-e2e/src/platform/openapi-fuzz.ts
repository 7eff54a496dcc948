import fc from 'fast-check';

/**
 * Bad requests for the operations of an OpenAPI document: a valid request built from the schemas
 * and their examples, then broken one way at a time (wrong types, missing and extra fields, huge
 * strings, NUL, nulls, deep nesting, bad ids, bad query parameters, wrong content types).
 */

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  bodyType?: string;
  bodySchema?: Schema;
  security: string[];
  /** Documented answers: status → the JSON schema of the body. */
  responses: Record<string, Schema | undefined>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, Schema> };
}

/** A request to send: path params, query string parts, a body as bytes or JSON, and its type. */
export interface FuzzRequest {
  label: string;
  pathParams: Record<string, string>;
  /** Raw `key=value` pairs, already encoded (so `%00` and repeated keys are possible). */
  query: string[];
  contentType?: string;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  omitAuth?: boolean;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: Schema }> };
        security?: Record<string, unknown>[];
        responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
      };
      const content = op.requestBody?.content ?? {};
      const bodyType = Object.keys(content)[0];
      ops.push({
        method,
        path,
        parameters: op.parameters ?? [],
        bodyType,
        bodySchema: bodyType ? content[bodyType].schema : undefined,
        security: [...new Set((op.security ?? []).flatMap((s) => Object.keys(s)))],
        responses: Object.fromEntries(
          Object.entries(op.responses ?? {}).map(([status, r]) => [status, r.content?.['application/json']?.schema]),
        ),
      });
    }
  }
  return ops.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

export class SchemaValues {
  constructor(
    private readonly doc: OpenApiDocument,
    private readonly known: Record<string, string>,
  ) {}

  resolve(schema: Schema | undefined): Schema {
    let current = schema ?? {};
    for (let i = 0; i < 10; i++) {
      if (current.$ref) current = this.doc.components.schemas[current.$ref.split('/').pop() as string] ?? {};
      else if (current.allOf?.length === 1) current = current.allOf[0];
      else break;
    }
    return current;
  }

  /** A plausible valid value: the example, a known id, or a default of the type. */
  valid(schema: Schema | undefined, name = '', depth = 0): unknown {
    const s = this.resolve(schema);
    if (name in this.known && (s.type === 'string' || s.format === 'uuid')) return this.known[name];
    if (s.example !== undefined) return s.example;
    if (s.enum?.length) return s.enum[0];
    if (s.type === 'object' || s.properties) {
      if (depth > 4) return {};
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(s.properties ?? {})) out[key] = this.valid(child, key, depth + 1);
      return out;
    }
    switch (s.type) {
      case 'array':
        return depth > 4 ? [] : [this.valid(s.items, name, depth + 1)];
      case 'integer':
      case 'number':
        return s.minimum ?? 1;
      case 'boolean':
        return true;
      default:
        if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
        if (s.format === 'date-time') return '2026-11-20T10:15:00+03:00';
        if (s.format === 'currency') return 'RUB';
        return 'text';
    }
  }
}

const deep = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

/** Values of the wrong kind, or of the right kind but unacceptable. */
export const badValue = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.constant('\u0000'),
  fc.constant('a\u0000b'),
  fc.constant('\ud800'),
  fc.constant('x'.repeat(100_000)),
  fc.constant(-1),
  fc.constant(0),
  fc.constant(1e308),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.constant(1.5),
  fc.constant(true),
  fc.constant([]),
  fc.constant([null]),
  fc.constant({}),
  fc.constant({ __proto__: { polluted: true } }),
  fc.constant(JSON.parse('{"__proto__":{"x":1},"constructor":{"prototype":{"y":2}}}')),
  fc.constant(deep(40)),
  fc.constant('2026-02-30T10:00:00Z'),
  fc.constant('99999-01-01'),
  fc.constant('NaN'),
  fc.constant('1e400'),
  fc.constant("'; DROP TABLE clients; --"),
  fc.constant('../../etc/passwd'),
  fc.constant('ёЁ🙂'),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
);

/** Query string values that are not what a parameter takes. */
export const badQueryValue = fc.oneof(
  fc.constant(''),
  fc.constant('%00'),
  fc.constant('a%00b'),
  fc.constant('%ED%A0%80'),
  fc.constant('%'),
  fc.constant('x'.repeat(20_000)),
  fc.constant('-1'),
  fc.constant('0'),
  fc.constant('1e400'),
  fc.constant('99999999999999999999'),
  fc.constant('1.5'),
  fc.constant('true'),
  fc.constant('null'),
  fc.constant('2026-13-45'),
  fc.constant('2026-11-20T10:15:00%2B03:00'),
  fc.constant('not-a-uuid'),
  fc.constant('00000000-0000-0000-0000-000000000000'),
  fc.constant('%5B%5D'),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
);

/** Path ids that name nothing or are not ids. */
export const badPathValue = fc.oneof(
  fc.constant('not-a-uuid'),
  fc.constant('00000000-0000-0000-0000-000000000000'),
  fc.constant('ffffffff-ffff-4fff-bfff-ffffffffffff'),
  fc.constant('%00'),
  fc.constant('a%00b'),
  fc.constant('%ED%A0%80'),
  fc.constant('x'.repeat(5_000)),
  fc.constant('-1'),
  fc.constant('1'),
  fc.constant('%20'),
  fc.constant('..'),
  fc.constant('%2e%2e%2f'),
  fc.uuid().map((id) => id.toUpperCase()),
);

/** Whole bodies that are not what a JSON route reads. */
const badBody = fc.oneof(
  fc.record({ contentType: fc.constant('application/json'), body: fc.constant('{"unterminated": ') }),
  fc.record({ contentType: fc.constant('application/json'), body: fc.constant('['.repeat(3000) + ']'.repeat(3000)) }),
  fc.record({ contentType: fc.constant('application/json'), body: fc.constant('null') }),
  fc.record({ contentType: fc.constant('application/json'), body: fc.constant('"a string"') }),
  fc.record({ contentType: fc.constant('application/json'), body: fc.constant('12') }),
  fc.record({ contentType: fc.constant('application/json'), body: fc.constant('[]') }),
  fc.record({ contentType: fc.constant('application/json'), body: fc.constant('{"a":"\\u0000"}') }),
  fc.record({ contentType: fc.constant('application/json'), body: fc.constant('\u00ff\u00fe') }),
  fc.record({ contentType: fc.constant('application/json; charset=latin1'), body: fc.constant('{}') }),
  fc.record({ contentType: fc.constant('text/plain'), body: fc.constant('{"name":"x"}') }),
  fc.record({ contentType: fc.constant('application/x-www-form-urlencoded'), body: fc.constant('name=x') }),
  fc.record({ contentType: fc.constant('application/xml'), body: fc.constant('<a/>') }),
  fc.record({ contentType: fc.constant('multipart/form-data; boundary=x'), body: fc.constant('--x--') }),
  fc.record({ contentType: fc.constant(''), body: fc.constant('{}') }),
);

type Mutation =
  | { kind: 'field'; field: string; value: unknown }
  | { kind: 'drop'; field: string }
  | { kind: 'extra'; field: string; value: unknown }
  | { kind: 'body'; contentType: string; body: string }
  | { kind: 'query'; name: string; value: string }
  | { kind: 'path'; name: string; value: string }
  | { kind: 'item'; value: unknown };

function mutationsFor(op: Operation, values: SchemaValues): fc.Arbitrary<Mutation> {
  const options: fc.Arbitrary<Mutation>[] = [];
  const body = op.bodySchema ? values.resolve(op.bodySchema) : undefined;
  const fields = Object.keys(body?.properties ?? {});
  if (op.bodyType) {
    options.push(badBody.map((b) => ({ kind: 'body' as const, ...b })));
    options.push(
      fc.record({
        kind: fc.constant('extra' as const),
        field: fc.constantFrom('extra', '__proto__', 'constructor', 'id', 'companyId'),
        value: badValue,
      }),
    );
  }
  if (fields.length > 0) {
    const field = fc.constantFrom(...fields);
    options.push(fc.record({ kind: fc.constant('field' as const), field, value: badValue }));
    options.push(fc.record({ kind: fc.constant('field' as const), field, value: badValue }));
    options.push(fc.record({ kind: fc.constant('drop' as const), field }));
    // Lists of items (batches, sale items, rates): one broken item among valid ones.
    const listed = fields.filter((f) => values.resolve(body?.properties?.[f]).type === 'array');
    if (listed.length > 0) options.push(fc.record({ kind: fc.constant('item' as const), value: badValue }));
  }
  const query = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const queryNames = [...query, 'unknown', 'q[]', 'page[0]'];
  options.push(
    fc.record({ kind: fc.constant('query' as const), name: fc.constantFrom(...queryNames), value: badQueryValue }),
  );
  if (query.length > 0) {
    options.push(
      fc.record({ kind: fc.constant('query' as const), name: fc.constantFrom(...query), value: badQueryValue }),
    );
  }
  const path = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  if (path.length > 0) {
    options.push(
      fc.record({ kind: fc.constant('path' as const), name: fc.constantFrom(...path), value: badPathValue }),
    );
  }
  return fc.oneof(...options);
}

const describeValue = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text;
};

/** `count` bad requests for `op`, the same ones for the same seed. */
export function badRequestsFor(
  op: Operation,
  values: SchemaValues,
  validPath: Record<string, string>,
  seed: number,
  count: number,
): FuzzRequest[] {
  const mutations = fc.sample(mutationsFor(op, values), { seed, numRuns: count });
  return mutations.map((m) => {
    const body =
      op.bodySchema && op.bodyType === 'application/json' ? structuredClone(values.valid(op.bodySchema)) : undefined;
    const request: FuzzRequest = { label: '', pathParams: { ...validPath }, query: [], body };
    const record = body as Record<string, unknown> | undefined;
    switch (m.kind) {
      case 'field':
        if (record) record[m.field] = m.value;
        request.label = `${m.field}=${describeValue(m.value)}`;
        break;
      case 'drop':
        if (record) delete record[m.field];
        request.label = `without ${m.field}`;
        break;
      case 'extra':
        if (record) record[m.field] = m.value;
        request.label = `extra ${m.field}=${describeValue(m.value)}`;
        break;
      case 'item': {
        const list = Object.entries(record ?? {}).find(([, v]) => Array.isArray(v));
        if (list) (list[1] as unknown[]).push(m.value);
        request.label = `item ${describeValue(m.value)}`;
        break;
      }
      case 'body':
        request.body = m.body;
        request.contentType = m.contentType;
        request.label = `body ${m.contentType || 'untyped'} ${describeValue(m.body)}`;
        break;
      case 'query':
        request.query.push(`${encodeURIComponent(m.name)}=${m.value}`);
        request.label = `?${m.name}=${m.value.slice(0, 40)}`;
        break;
      case 'path':
        request.pathParams[m.name] = m.value;
        request.label = `{${m.name}}=${m.value.slice(0, 40)}`;
        break;
    }
    return request;
  });
}
