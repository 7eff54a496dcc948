import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { CompanyResponse } from '@crm/shared/contracts';
import { CompanyContext, provideIcons } from '@crm/web/core';
import { SettingsCard } from './settings-card';

const COMPANY = '/api/companies/c1';
const company: CompanyResponse = {
  id: 'c1',
  name: 'ООО Ромашка',
  baseCurrency: 'RUB',
  timeZone: 'Europe/Moscow',
} as CompanyResponse;

describe('SettingsCard', () => {
  let backend: HttpTestingController;

  async function render(): Promise<ComponentFixture<SettingsCard>> {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        provideIcons(),
        {
          provide: CompanyContext,
          useValue: {
            activeId: signal('c1'),
            role: signal('owner'),
            canManage: signal(true),
            renameLocally: jest.fn(),
          },
        },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(SettingsCard);
    fixture.detectChanges();
    backend.expectOne(COMPANY).flush(company);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture;
  }

  function type(fixture: ComponentFixture<SettingsCard>, control: string, value: string): void {
    const input = (fixture.nativeElement as HTMLElement).querySelector(
      `input[formcontrolname="${control}"]`,
    ) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  }

  const submit = (fixture: ComponentFixture<SettingsCard>) => {
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    fixture.detectChanges();
  };

  afterEach(() => backend.verify());

  it('leaves an emptied time zone out of the change (the API refuses null), and shows the kept one again', async () => {
    const fixture = await render();
    type(fixture, 'name', 'ООО Василёк');
    type(fixture, 'timeZone', '');
    submit(fixture);

    const request = backend.expectOne(COMPANY);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ name: 'ООО Василёк' });
    expect('timeZone' in request.request.body).toBe(false);
    request.flush({ ...company, name: 'ООО Василёк' });
    await fixture.whenStable();
    fixture.detectChanges();

    const zone = (fixture.nativeElement as HTMLElement).querySelector(
      'input[formcontrolname="timeZone"]',
    ) as HTMLInputElement;
    expect(zone.value).toBe('Europe/Moscow');
  });

  it('sends a time zone the user picked', async () => {
    const fixture = await render();
    type(fixture, 'timeZone', 'Asia/Vladivostok');
    submit(fixture);

    const request = backend.expectOne(COMPANY);
    expect(request.request.body).toEqual({ timeZone: 'Asia/Vladivostok' });
    request.flush({ ...company, timeZone: 'Asia/Vladivostok' });
  });
});
