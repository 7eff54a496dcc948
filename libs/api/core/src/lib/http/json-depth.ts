/**
 * The deepest nesting of arrays and objects a JSON request body may have. Real bodies (a batch of
 * sales with items, client attributes) stay far below it; a body nested thousands of levels deep
 * would overflow the stack of the recursive steps after parsing (key stripping, transformation).
 */
export const MAX_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * The nesting depth of a JSON text, read byte by byte (brackets inside strings do not count).
 * Works on UTF-8 bytes: the ASCII bytes it looks for never occur inside a multi-byte character.
 * Stops counting once `limit` is passed.
 */
export function jsonDepth(bytes: Uint8Array, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth--;
  }
  return deepest;
}

/** A body-parser client error (400, shown to the client as is). */
export class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly expose = true;
  readonly type = 'entity.too.deep';
  constructor(limit: number) {
    super(`Request body is nested deeper than ${limit} levels`);
  }
}

/** body-parser's `verify` hook: refuses a body nested deeper than `limit` before it is parsed. */
export function refuseDeepJson(limit = MAX_JSON_DEPTH) {
  return (_req: unknown, _res: unknown, buffer: Buffer, encoding: string | null): void => {
    if (jsonDepth(asUtf8(buffer, encoding), limit) > limit) throw new JsonTooDeepError(limit);
  };
}

function asUtf8(buffer: Buffer, encoding: string | null): Uint8Array {
  if (!encoding || /^utf-?8$/i.test(encoding)) return buffer;
  try {
    return Buffer.from(new TextDecoder(encoding).decode(buffer), 'utf8');
  } catch {
    return buffer; // a charset the decoder lacks: body-parser itself refuses or decodes it
  }
}
