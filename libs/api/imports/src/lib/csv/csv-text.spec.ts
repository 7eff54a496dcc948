import { csvField, csvLine } from './csv-text';

describe('csv text', () => {
  it('quotes only what needs quoting for the separator in use', () => {
    expect(csvField('Smith, John', ';')).toBe('Smith, John');
    expect(csvField('Smith, John', ',')).toBe('"Smith, John"');
    expect(csvField('ООО "Ромашка"', ';')).toBe('"ООО ""Ромашка"""');
    expect(csvField('two\nlines', ';')).toBe('"two\nlines"');
    expect(csvField(' padded', ';')).toBe('" padded"');
  });

  it('writes empty cells for missing values and ends lines with CRLF', () => {
    expect(csvLine(['a', null, undefined, 3], ';')).toBe('a;;;3\r\n');
  });
});
