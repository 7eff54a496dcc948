import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideIcons } from '@crm/web/core';
import { readyReport } from '../testing/report-fixtures';
import { ScheduleDialog, scheduleBody } from './schedule-dialog';
import { ShareDialog } from './share-dialog';

jest.setTimeout(30_000);

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const MEMBERS = [
  { userId: 'u1', login: 'anna', role: 'owner' },
  { userId: 'u2', login: 'ivan', role: 'member' },
  { userId: 'u3', login: 'olga', role: 'member' },
];

function setup(component: typeof ShareDialog | typeof ScheduleDialog, report = readyReport()) {
  const close = jest.fn();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideIcons(),
      provideNoopAnimations(),
      { provide: MAT_DIALOG_DATA, useValue: { companyId: 'c1', report } },
      { provide: MatDialogRef, useValue: { close } },
    ],
  });
  const fixture = TestBed.createComponent(component as typeof ShareDialog);
  fixture.detectChanges();
  const backend = TestBed.inject(HttpTestingController);
  backend.expectOne('/api/companies/c1/members').flush(MEMBERS);
  return { fixture, backend, close, element: fixture.nativeElement as HTMLElement };
}

describe('ShareDialog', () => {
  it('lists the colleagues (not the author) and shares with the ones picked', async () => {
    const { fixture, backend, close, element } = setup(ShareDialog);
    await fixture.whenStable();
    const boxes = Array.from(element.querySelectorAll('mat-checkbox'));
    expect(boxes.map(text)).toEqual(['ivan', 'olga']);
    (element.querySelector('[data-testid="share-olga"] input') as HTMLInputElement).click();
    fixture.detectChanges();
    (element.querySelector('[data-testid="share-save"]') as HTMLButtonElement).click();
    const request = backend.expectOne('/api/companies/c1/reports/r1/share');
    expect(request.request.body).toEqual({ company: false, userIds: ['u3'] });
    request.flush(readyReport({ sharedWith: { company: false, users: [{ id: 'u3', login: 'olga' }] } }));
    expect(close).toHaveBeenCalled();
  });

  it('shares with the whole company and keeps the dialog open with the reason when refused', async () => {
    const { fixture, backend, close, element } = setup(ShareDialog);
    await fixture.whenStable();
    (element.querySelector('[data-testid="share-company"] button') as HTMLButtonElement).click();
    fixture.detectChanges();
    (element.querySelector('[data-testid="share-save"]') as HTMLButtonElement).click();
    const request = backend.expectOne('/api/companies/c1/reports/r1/share');
    expect(request.request.body).toEqual({ company: true, userIds: [] });
    request.flush({ statusCode: 403, message: 'Forbidden' }, { status: 403, statusText: 'Forbidden' });
    fixture.detectChanges();
    await fixture.whenStable();
    expect(close).not.toHaveBeenCalled();
    expect(text(element.querySelector('[role="alert"]'))).toBe('Недостаточно прав для этого действия.');
  });
});

describe('ScheduleDialog', () => {
  it('builds the body the API takes for weekly and monthly schedules', () => {
    expect(scheduleBody('weekly', 1, 5, '09:00', ['u2'])).toEqual({
      frequency: 'weekly',
      weekday: 1,
      time: '09:00',
      recipients: ['u2'],
    });
    expect(scheduleBody('monthly', 1, 31, '23:59', [])).toEqual({
      frequency: 'monthly',
      dayOfMonth: 31,
      time: '23:59',
      recipients: [],
    });
    expect(scheduleBody('weekly', 1, 1, '24:00', [])).toBeNull();
  });

  it('saves a Monday 09:00 schedule by default, with the weekdays named in the interface language', async () => {
    const { fixture, backend, close, element } = setup(ScheduleDialog);
    await fixture.whenStable();
    expect(text(element.querySelector('[data-testid="weekday"]'))).toBe('понедельник');
    (element.querySelector('[data-testid="schedule-save"]') as HTMLButtonElement).click();
    const request = backend.expectOne('/api/companies/c1/reports/r1/schedule');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ frequency: 'weekly', weekday: 1, time: '09:00', recipients: [] });
    request.flush({});
    expect(close).toHaveBeenCalledWith('saved');
  });

  it('turns an existing schedule off', async () => {
    const report = readyReport({
      scheduled: true,
      schedule: {
        frequency: 'monthly',
        weekday: null,
        dayOfMonth: 1,
        time: '08:00',
        timeZone: 'Europe/Moscow',
        recipients: [{ id: 'u2', login: 'ivan' }],
        nextRunAt: '2026-12-01T05:00:00.000Z',
        lastRunAt: null,
      },
    });
    const { fixture, backend, close, element } = setup(ScheduleDialog, report);
    await fixture.whenStable();
    expect(text(element.querySelector('[data-testid="day-of-month"]'))).toBe('1');
    expect(text(element.querySelector('[data-testid="recipients"]'))).toBe('ivan');
    (element.querySelector('[data-testid="schedule-remove"]') as HTMLButtonElement).click();
    const request = backend.expectOne('/api/companies/c1/reports/r1/schedule');
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    expect(close).toHaveBeenCalledWith('removed');
  });
});
