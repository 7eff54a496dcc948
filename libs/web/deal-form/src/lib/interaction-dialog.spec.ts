import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideDialogTesting } from '@crm/web/core/testing';
import { I18n } from '@crm/web/i18n';
import { InteractionDialog } from './interaction-dialog';

describe('interaction dialog', () => {
  function render(lang: 'ru' | 'en', data: object = { companyId: 'co', clientId: 'c1' }) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: provideDialogTesting(data),
    });
    TestBed.inject(I18n).use(lang);
    TestBed.tick();
    const fixture = TestBed.createComponent(InteractionDialog);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const field = (id: string) => root.querySelector<HTMLInputElement>(`[data-testid="${id}"]`) as HTMLInputElement;
    const type = (input: HTMLInputElement, value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new Event('blur'));
      fixture.detectChanges();
    };
    return { fixture, root, field, type, http: TestBed.inject(HttpTestingController) };
  }

  it('shows and reads when it happened in the app language, not the browser’s', () => {
    const view = render('ru');
    expect(view.field('interaction-day').value).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(view.field('interaction-time').value).toMatch(/^\d{2}:\d{2}$/);
    view.type(view.field('interaction-day'), '05.01.2026');
    view.type(view.field('interaction-time'), '14:30');
    const summary = view.root.querySelector('textarea') as HTMLTextAreaElement;
    summary.value = 'Обсудили опт';
    summary.dispatchEvent(new Event('input'));
    view.root.querySelector('form')?.dispatchEvent(new Event('submit'));
    const req = view.http.expectOne('/api/companies/co/clients/c1/interactions');
    expect(req.request.body.occurredAt).toBe(new Date(2026, 0, 5, 14, 30).toISOString());
  });

  it('writes the day the American way in English', () => {
    const view = render('en');
    expect(view.field('interaction-day').value).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(view.field('interaction-time').value).toMatch(/^\d{1,2}:\d{2}\s?[AP]M$/);
  });

  it('records it on the deal when opened from a deal', () => {
    const view = render('en', { companyId: 'co', clientId: 'c1', dealId: 'd1' });
    const summary = view.root.querySelector('textarea') as HTMLTextAreaElement;
    summary.value = 'Met at the office';
    summary.dispatchEvent(new Event('input'));
    view.root.querySelector('form')?.dispatchEvent(new Event('submit'));
    const req = view.http.expectOne('/api/companies/co/deals/d1/interactions');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toMatchObject({ type: 'call', summary: 'Met at the office' });
    view.http.verify();
  });
});
