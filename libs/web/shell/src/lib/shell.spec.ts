import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { providePageTesting } from '@crm/web/core/testing';
import { Shell } from './shell';

/** Lets promise continuations (the /api/me load) run, then waits for rendering. */
const settle = async (fixture: { whenStable(): Promise<unknown> }) => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await fixture.whenStable();
};

describe('Shell', () => {
  // The first test compiles the shell's whole component tree in the test's JIT compiler: seconds on
  // a busy machine, over jest's default 5 s once in a loaded CI rehearsal.
  jest.setTimeout(30_000);
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: providePageTesting(),
    });
  });

  it('links only the sections that exist, in order', async () => {
    const fixture = TestBed.createComponent(Shell);
    fixture.detectChanges();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/me')
      .flush({ id: 'u1', login: 'anna', companies: [{ id: 'c1', name: 'Ромашка', role: 'owner' }] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
    TestBed.inject(HttpTestingController).expectOne('/api/me/invitations').flush([]);
    await settle(fixture);

    const links = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('nav a'));
    expect(links.map((link) => [link.getAttribute('href'), link.textContent?.trim()])).toEqual([
      ['/', 'Начало'],
      ['/clients', 'Клиенты'],
      ['/deals', 'Сделки'],
      ['/sales', 'Продажи'],
      ['/tasks', 'Задачи'],
      ['/reports', 'Отчёты'],
      ['/imports', 'Импорт'],
      ['/assistant', 'Ассистент'],
      ['/keys', 'API-ключ'],
      ['/company', 'Компания'],
      ['/company/rates', 'Курсы валют'],
    ]);
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Ромашка');
  });

  it('offers a retry when the companies cannot be loaded', async () => {
    const fixture = TestBed.createComponent(Shell);
    fixture.detectChanges();
    const backend = TestBed.inject(HttpTestingController);
    backend.expectOne('/api/me').error(new ProgressEvent('error'));
    await settle(fixture);
    const element = fixture.nativeElement as HTMLElement;
    expect(element.textContent).toContain('Не удалось загрузить ваши компании');
    expect(element.textContent).toContain('Нет связи с сервером');

    (element.querySelector('crm-error-state button') as HTMLButtonElement).click();
    backend
      .expectOne('/api/me')
      .flush({ id: 'u1', login: 'anna', companies: [{ id: 'c1', name: 'Ромашка', role: 'owner' }] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
    backend.expectOne('/api/me/invitations').flush([]);
    await settle(fixture);
    expect(element.querySelector('crm-error-state')).toBeNull();
  });
});
