import * as iconv from 'iconv-lite';
import { decodeSample, detectDelimiter, detectEncoding } from './detect';

describe('detectEncoding', () => {
  it('reads a UTF-8 BOM as UTF-8', () => {
    expect(detectEncoding(Buffer.from('\uFEFFКод;Имя\n', 'utf8'))).toBe('utf-8');
  });

  it('reads valid UTF-8 without BOM as UTF-8', () => {
    expect(detectEncoding(Buffer.from('Код;Имя\n1;Иван\n', 'utf8'))).toBe('utf-8');
  });

  it('reads Cyrillic bytes that are not UTF-8 as Windows-1251', () => {
    expect(detectEncoding(iconv.encode('Код;Имя\n1;Иван\n', 'win1251'))).toBe('windows-1251');
  });

  it('does not mistake a sample cut in the middle of a character for Windows-1251', () => {
    const bytes = Buffer.from('Имя;Иван', 'utf8');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1))).toBe('utf-8');
  });
});

describe('decodeSample', () => {
  it('drops the BOM and decodes Windows-1251', () => {
    expect(decodeSample(Buffer.from('\uFEFFa;b', 'utf8'), 'utf-8')).toBe('a;b');
    expect(decodeSample(iconv.encode('Телефон', 'win1251'), 'windows-1251')).toBe('Телефон');
  });
});

describe('detectDelimiter', () => {
  it('finds the separator of the header line', () => {
    expect(detectDelimiter('Код;Имя;E-mail\n1;Иван;a@b.ru')).toBe(';');
    expect(detectDelimiter('id,name,email\n1,"Smith, John",a@b.com')).toBe(',');
    expect(detectDelimiter('id\tname\n1\tJohn')).toBe('\t');
  });

  it('ignores separators inside quotes', () => {
    expect(detectDelimiter('"a,b,c";"d"\n')).toBe(';');
  });

  it('falls back to a semicolon for a single column', () => {
    expect(detectDelimiter('externalId\n1\n')).toBe(';');
  });
});
