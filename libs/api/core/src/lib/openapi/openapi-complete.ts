import type { OpenAPIObject } from '@nestjs/swagger';
import { MAX_BATCH_ITEMS } from '@crm/shared/contracts';
import { PUBLIC_OPERATION_EXTENSION } from '../security/public.decorator';
import { CURATED_EXAMPLES } from './openapi-examples';

export const BEARER_AUTH = 'bearer';
export const API_KEY_AUTH = 'api-key';

type Json = Record<string, unknown>;
const JSON_MEDIA = 'application/json';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export interface OpenApiOptions {
  /** Largest accepted JSON body (`BODY_LIMIT`, e.g. `10mb`): stated in the document. */
  bodyLimit: string;
}

/**
 * What the decorators cannot say, added to the generated document:
 * - security: routes outside the JWT guard (`@Public()`) get `security: []` unless they name a
 *   scheme (the API key); every other route is behind the global JWT guard and says so;
 * - `maxItems` of the batch bodies (the API answers 413 above, so no validator states it);
 * - the body limit, in the description and on every 413;
 * - a media-level example on every JSON request and response: the curated ones of
 *   `openapi-examples.ts`, else one assembled from the schema's property examples.
 */
export function completeOpenApiDocument(document: OpenAPIObject, options: OpenApiOptions): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Json>;
  for (const schema of Object.values(schemas)) fixPluginArtifacts(schema);
  for (const [name, schema] of Object.entries(schemas)) {
    const items = (schema['properties'] as Record<string, Json> | undefined)?.['items'];
    if (/BatchDto$/.test(name) && items?.['type'] === 'array') {
      items['maxItems'] = MAX_BATCH_ITEMS;
      items['minItems'] = 0;
    }
  }
  document.info.description = [
    document.info.description ?? '',
    '',
    `Request bodies are JSON of at most ${options.bodyLimit} (\`BODY_LIMIT\`; 413 above); a batch holds at most ` +
      `${MAX_BATCH_ITEMS.toLocaleString('en')} items (413 above).`,
  ].join('\n');

  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Json | undefined>)[method];
      if (!op) continue;
      const curated = CURATED_EXAMPLES[`${method.toUpperCase()} ${path}`];
      const isPublic = op[PUBLIC_OPERATION_EXTENSION] === true;
      delete op[PUBLIC_OPERATION_EXTENSION];
      const security = op['security'] as Json[] | undefined;
      // A scheme named on both the controller and the route is listed once.
      if (security) op['security'] = [...new Map(security.map((s) => [JSON.stringify(s), s])).values()];
      else op['security'] = isPublic ? [] : [{ [BEARER_AUTH]: [] }];

      const body = (op['requestBody'] as Json | undefined)?.['content'] as Record<string, Json> | undefined;
      if (body?.[JSON_MEDIA]) fillExample(body[JSON_MEDIA], curated?.request, schemas);

      const responses = op['responses'] as Record<string, Json>;
      for (const [status, response] of Object.entries(responses)) {
        if (status === '413') {
          response['description'] =
            `Body above ${options.bodyLimit} or batch above ${MAX_BATCH_ITEMS.toLocaleString('en')} items`;
        }
        const content = response['content'] as Record<string, Json> | undefined;
        if (content?.[JSON_MEDIA]) fillExample(content[JSON_MEDIA], curated?.responses?.[status], schemas);
      }
    }
  }
  return document;
}

/**
 * Two things the swagger compiler plugin writes wrongly, corrected in place:
 * - a union of scalars (`string | number | null`, e.g. a report cell or KPI value) becomes
 *   `{type: 'object'}`: it is written as string-or-number, nullable;
 * - the inner items of a nested array (`x[][]`) get the property's `required: true`, description
 *   and example: moved back to the property.
 * `Record<…>` fields keep `additionalProperties`, so they are not touched.
 */
function fixPluginArtifacts(node: Json): void {
  if (Array.isArray(node)) {
    for (const item of node) if (item && typeof item === 'object') fixPluginArtifacts(item as Json);
    return;
  }
  const isScalarUnion =
    node['type'] === 'object' &&
    node['properties'] === undefined &&
    node['additionalProperties'] === undefined &&
    node['allOf'] === undefined &&
    node['$ref'] === undefined &&
    (node['example'] === undefined || node['example'] === null || typeof node['example'] !== 'object');
  if (isScalarUnion) {
    delete node['type'];
    node['anyOf'] = [
      { type: 'string', nullable: true },
      { type: 'number', nullable: true },
    ];
  }
  const items = node['items'] as Json | undefined;
  if (items && typeof items['required'] === 'boolean') {
    // The property's own metadata, written one level too deep: moved back up.
    delete items['required'];
    for (const key of ['description', 'example']) {
      if (items[key] !== undefined && node[key] === undefined) node[key] = items[key];
      delete items[key];
    }
  }
  for (const value of Object.values(node)) if (value && typeof value === 'object') fixPluginArtifacts(value as Json);
}

function fillExample(media: Json, curated: unknown, schemas: Record<string, Json>): void {
  if (curated !== undefined) {
    media['example'] = curated;
    delete media['examples'];
    return;
  }
  if (media['example'] !== undefined || media['examples'] !== undefined) return;
  const sample = sampleOf(media['schema'] as Json | undefined, schemas, new Set());
  if (sample !== undefined) media['example'] = sample;
}

const SAMPLE_UUID = '3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10';

/** A value of `schema` built from its examples (first enum value, type defaults otherwise). */
export function sampleOf(schema: Json | undefined, schemas: Record<string, Json>, seen: Set<string>): unknown {
  if (!schema) return undefined;
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    const name = ref.split('/').pop() as string;
    if (seen.has(name)) return undefined;
    return sampleOf(schemas[name], schemas, new Set([...seen, name]));
  }
  if (schema['example'] !== undefined) return schema['example'];
  if (Array.isArray(schema['enum'])) return schema['enum'][0];
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const parts = schema[key] as Json[] | undefined;
    if (!parts?.length) continue;
    if (key !== 'allOf') return sampleOf(parts[0], schemas, seen);
    const merged = parts.map((p) => sampleOf(p, schemas, seen));
    return merged.every((m) => m && typeof m === 'object' && !Array.isArray(m))
      ? Object.assign({}, ...merged)
      : merged[0];
  }
  switch (schema['type']) {
    case 'object': {
      const out: Json = {};
      for (const [key, prop] of Object.entries((schema['properties'] as Record<string, Json>) ?? {})) {
        const value = sampleOf(prop, schemas, seen);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    case 'array': {
      const item = sampleOf(schema['items'] as Json, schemas, seen);
      return item === undefined ? [] : [item];
    }
    case 'string':
      if (schema['nullable']) return null;
      if (schema['format'] === 'binary') return undefined;
      if (schema['format'] === 'date-time') return '2026-11-20T07:15:00.000Z';
      if (schema['format'] === 'date') return '2026-11-20';
      return SAMPLE_UUID;
    case 'integer':
    case 'number':
      return schema['nullable'] ? null : ((schema['minimum'] as number | undefined) ?? 1);
    case 'boolean':
      return true;
    default:
      return undefined;
  }
}
