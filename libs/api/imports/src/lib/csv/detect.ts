/**
 * What a CSV file is written in, from its first bytes: the encoding (UTF-8 with or without BOM,
 * else Windows-1251, as Russian Excel saves "CSV (разделители — точка с запятой)") and the
 * separator of its header line (`;` from Russian Excel, `,` from English, or a tab).
 */
import type { ImportDelimiter, ImportEncoding } from '@crm/shared/contracts';
import * as iconv from 'iconv-lite';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(head: Uint8Array): boolean {
  return UTF8_BOM.every((byte, i) => head[i] === byte);
}

/** Bytes of an incomplete UTF-8 sequence at the end of `head` (a sample cut mid-character). */
function incompleteTail(head: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, head.length); back++) {
    const byte = head[head.length - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/** UTF-8 when the sample is valid UTF-8 (plain ASCII included), else Windows-1251. */
export function detectEncoding(head: Uint8Array): ImportEncoding {
  if (hasUtf8Bom(head)) return 'utf-8';
  const sample = head.subarray(0, head.length - incompleteTail(head));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return 'utf-8';
  } catch {
    return 'windows-1251';
  }
}

export function decodeSample(head: Uint8Array, encoding: ImportEncoding): string {
  const text = iconv.decode(Buffer.from(head), encoding === 'utf-8' ? 'utf8' : 'win1251');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Counts each candidate separator outside quotes on the first line; the most frequent wins (`;` on ties). */
export function detectDelimiter(text: string): ImportDelimiter {
  const counts: Record<ImportDelimiter, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char as ImportDelimiter]++;
  }
  const order: ImportDelimiter[] = [';', ',', '\t'];
  return order.reduce((best, d) => (counts[d] > counts[best] ? d : best), ';');
}
