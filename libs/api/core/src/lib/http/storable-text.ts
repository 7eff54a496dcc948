import { Injectable, type PipeTransform } from '@nestjs/common';
import { InvalidInputException } from './validation';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

function unstorable(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/**
 * The path (`items.2.name`, `attributes.note`) of the first string — value or object key — that
 * PostgreSQL text cannot hold unchanged (NUL) or that is not valid Unicode (an unpaired surrogate,
 * which UTF-8 would silently replace); `null` when every string is storable. Iterative, so a deeply
 * nested body cannot exhaust the stack.
 */
export function findUnstorableText(value: unknown, root = ''): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (unstorable(current)) return path || '(body)';
    } else if (Array.isArray(current)) {
      current.forEach((child, i) => stack.push([child, path ? `${path}.${i}` : String(i)]));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const childPath = path ? `${path}.${key}` : key;
        if (unstorable(key)) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return null;
}

/** Refuses (400) a body, query or parameter with text the database cannot store as sent. */
@Injectable()
export class StorableTextPipe implements PipeTransform {
  transform<T>(value: T): T {
    const path = findUnstorableText(value);
    if (path !== null)
      throw new InvalidInputException([
        { field: path, messages: [`${path} ${UNSTORABLE_TEXT_MESSAGE}`], codes: ['isText'] },
      ]);
    return value;
  }
}
