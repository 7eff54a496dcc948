import { decimalInput, decimalSeparator } from './decimal-input';

describe('decimal input', () => {
  it('shows an API decimal with the separator of the language, without grouping', () => {
    expect(decimalInput('70.90', 'ru')).toBe('70,90');
    expect(decimalInput('70.90', 'en')).toBe('70.90');
    expect(decimalInput('1234567.5', 'ru')).toBe('1234567,5');
    expect(decimalInput(12, 'ru')).toBe('12');
    expect(decimalInput(null, 'ru')).toBe('');
    expect(decimalInput('abc', 'ru')).toBe('abc');
    expect(decimalSeparator('ru')).toBe(',');
    expect(decimalSeparator('en')).toBe('.');
  });
});
