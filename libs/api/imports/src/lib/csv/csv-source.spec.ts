import * as iconv from 'iconv-lite';
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countDataRows, normalizeHeader, readDataRows, readHeader } from './csv-source';

const dir = mkdtempSync(join(tmpdir(), 'csv-source-'));
const file = (name: string, bytes: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return () => createReadStream(path);
};

async function rows(path: ReturnType<typeof file>, format: Parameters<typeof readDataRows>[1]) {
  const out = [];
  for await (const row of readDataRows(path, format)) out.push(row);
  return out;
}

describe('reading an upload', () => {
  it('reads a Windows-1251 semicolon file as Russian Excel writes it', async () => {
    const path = file(
      'ru.csv',
      iconv.encode('Код;ФИО;Город\r\n1;Иванов Иван;Москва\r\n2;"Петров; Пётр";Казань\r\n', 'win1251'),
    );
    const format = { encoding: 'windows-1251', delimiter: ';' } as const;
    expect(await readHeader(path, format)).toEqual(['Код', 'ФИО', 'Город']);
    expect(await rows(path, format)).toEqual([
      { line: 2, fields: ['1', 'Иванов Иван', 'Москва'] },
      { line: 3, fields: ['2', 'Петров; Пётр', 'Казань'] },
    ]);
  });

  it('strips the UTF-8 BOM from the first header name', async () => {
    const path = file('bom.csv', Buffer.from('\uFEFFexternalId,name\n1,Ann\n', 'utf8'));
    expect(await readHeader(path, { encoding: 'utf-8', delimiter: ',' })).toEqual(['externalId', 'name']);
  });

  it('gives the line where a record with an embedded line break ends, and skips blank lines', async () => {
    const path = file('multi.csv', Buffer.from('id,note\n1,"two\nlines"\n\n2,x\n', 'utf8'));
    const read = await rows(path, { encoding: 'utf-8', delimiter: ',' });
    expect(read.map((r) => r.line)).toEqual([3, 5]);
    expect(await countDataRows(path, { encoding: 'utf-8', delimiter: ',' })).toBe(2);
  });
});

describe('normalizeHeader', () => {
  it('names blank and repeated columns by position', () => {
    expect(normalizeHeader([' id ', '', 'name', 'name'])).toEqual(['id', 'Column 2', 'name', 'name (4)']);
  });
});
