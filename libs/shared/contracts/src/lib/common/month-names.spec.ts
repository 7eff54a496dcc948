import { monthName } from './month-names';

describe('monthName', () => {
  it('names the months standing alone, in Russian and English', () => {
    expect([1, 5, 11, 12].map((m) => monthName(m, 'ru'))).toEqual(['январь', 'май', 'ноябрь', 'декабрь']);
    expect([1, 5, 11, 12].map((m) => monthName(m, 'en'))).toEqual(['January', 'May', 'November', 'December']);
  });

  it('refuses what is not a month', () => {
    expect(() => monthName(0, 'ru')).toThrow(RangeError);
    expect(() => monthName(13, 'en')).toThrow(RangeError);
    expect(() => monthName(1.5, 'en')).toThrow(RangeError);
  });
});
