import { TestBed } from '@angular/core/testing';
import { DateAdapter, MAT_DATE_FORMATS, type MatDateFormats } from '@angular/material/core';
import { I18n } from '@crm/web/i18n';
import { dateToDay, dayToDate, provideAppDates } from './app-dates';

describe('app dates', () => {
  let adapter: DateAdapter<Date>;
  let formats: MatDateFormats;
  let i18n: I18n;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideAppDates()] });
    adapter = TestBed.inject(DateAdapter) as DateAdapter<Date>;
    formats = TestBed.inject(MAT_DATE_FORMATS);
    i18n = TestBed.inject(I18n);
  });

  const shown = () => adapter.format(new Date(2026, 10, 20), formats.display.dateInput);

  it('writes and reads dates in the app language, and follows a switch at once', () => {
    i18n.use('ru');
    TestBed.tick();
    expect(shown()).toBe('20.11.2026');
    expect(dateToDay(adapter.parse('20.11.2026', formats.parse.dateInput))).toBe('2026-11-20');
    expect(dateToDay(adapter.parse('5.1.26', null))).toBe('2026-01-05');
    expect(adapter.getMonthNames('long')[0]).toMatch(/^январ/i);

    i18n.use('en');
    TestBed.tick();
    expect(shown()).toBe('11/20/2026');
    expect(dateToDay(adapter.parse('11/20/2026', null))).toBe('2026-11-20');
    expect(adapter.getMonthNames('long')[0]).toBe('January');
  });

  it('reads ISO days in every language and refuses impossible dates', () => {
    i18n.use('ru');
    TestBed.tick();
    expect(dateToDay(adapter.parse('2026-11-20', null))).toBe('2026-11-20');
    expect(adapter.isValid(adapter.parse('31.02.2026', null) as Date)).toBe(false);
    expect(adapter.isValid(adapter.parse('завтра', null) as Date)).toBe(false);
    expect(adapter.parse('', null)).toBeNull();
  });

  it('turns URL days into picker dates and back', () => {
    expect(dateToDay(dayToDate('2026-03-09'))).toBe('2026-03-09');
    expect(dayToDate('09.03.2026')).toBeNull();
    expect(dateToDay(null)).toBe('');
  });
});
