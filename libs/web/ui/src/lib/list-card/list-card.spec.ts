import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideIcons } from '@crm/web/core';
import { ListCard, type ListSource } from './list-card';

@Component({
  imports: [ListCard],
  template: `
    <crm-list-card
      [loading]="loading()"
      [error]="error()"
      [length]="length()"
      [empty]="length() === 0"
      totalText="Всего: 120"
      totalTestId="rows-total"
      [pageIndex]="1"
      [pageSize]="50"
      (retry)="retried = retried + 1"
    >
      <p ngProjectAs="[listEmpty]" data-testid="empty">Пока пусто</p>
      <table data-testid="table"></table>
    </crm-list-card>
  `,
})
class Host {
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly length = signal<number | null>(null);
  retried = 0;
}

/** A page's resource as `rxResource` gives it: `value()` throws once the request failed. */
function fakeSource() {
  const loading = signal(true);
  const page = signal<{ items: unknown[]; total: number } | undefined>(undefined);
  const failure = signal<unknown>(null);
  let reloads = 0;
  const source: ListSource = {
    isLoading: () => loading(),
    hasValue: () => page() !== undefined && !failure(),
    value: () => {
      if (failure()) throw new Error('no value in the error state');
      return page();
    },
    error: () => failure(),
    reload: () => (reloads += 1),
  };
  return { source, loading, page, failure, reloads: () => reloads };
}

@Component({
  imports: [ListCard],
  template: `
    <crm-list-card [source]="fake.source" totalText="Всего: 3" totalTestId="rows-total">
      <p ngProjectAs="[listEmpty]" data-testid="empty">Пока пусто</p>
      <table data-testid="table"></table>
    </crm-list-card>
  `,
})
class SourceHost {
  readonly fake = fakeSource();
}

describe('ListCard', () => {
  function render() {
    TestBed.configureTestingModule({ providers: [provideIcons()] });
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const has = (selector: string) => el.querySelector(selector) !== null;
    return { fixture, el, has };
  }

  it('shows the skeleton until the first page, then the total, the table and a paginator', () => {
    const { fixture, el, has } = render();
    fixture.componentInstance.loading.set(true);
    fixture.detectChanges();
    expect(has('crm-list-skeleton')).toBe(true);
    expect(has('[data-testid="table"]')).toBe(false);

    fixture.componentInstance.loading.set(false);
    fixture.componentInstance.length.set(120);
    fixture.detectChanges();
    expect(has('crm-list-skeleton')).toBe(false);
    expect(el.querySelector('[data-testid="rows-total"]')?.textContent).toContain('Всего: 120');
    expect(has('[data-testid="table"]')).toBe(true);
    expect(el.querySelector('.mat-mdc-paginator-range-label')?.textContent).toContain('51');
  });

  it('dims the rows while the next page loads instead of showing the skeleton again', () => {
    const { fixture, el, has } = render();
    fixture.componentInstance.length.set(120);
    fixture.componentInstance.loading.set(true);
    fixture.detectChanges();
    expect(has('crm-list-skeleton')).toBe(false);
    expect(el.querySelector('.scroll')?.classList).toContain('busy');
  });

  it('shows the projected empty state instead of the table when there are no rows', () => {
    const { fixture, has } = render();
    fixture.componentInstance.length.set(0);
    fixture.detectChanges();
    expect(has('[data-testid="empty"]')).toBe(true);
    expect(has('[data-testid="table"]')).toBe(false);
    expect(has('mat-paginator')).toBe(false);
  });

  it('shows the error with a retry that reaches the page', () => {
    const { fixture, el } = render();
    fixture.componentInstance.error.set('Сервер недоступен');
    fixture.detectChanges();
    expect(el.querySelector('crm-error-state')?.textContent).toContain('Сервер недоступен');
    (el.querySelector('crm-error-state button') as HTMLButtonElement).click();
    expect(fixture.componentInstance.retried).toBe(1);
  });

  it('takes loading, the rows, "no rows", the error in words and retry from the page\'s resource', () => {
    TestBed.configureTestingModule({ providers: [provideIcons()] });
    const fixture = TestBed.createComponent(SourceHost);
    const { fake } = fixture.componentInstance;
    const el = fixture.nativeElement as HTMLElement;
    const has = (selector: string) => el.querySelector(selector) !== null;
    fixture.detectChanges();
    expect(has('crm-list-skeleton')).toBe(true);

    fake.loading.set(false);
    fake.page.set({ items: [1, 2, 3], total: 3 });
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="rows-total"]')?.textContent).toContain('Всего: 3');
    expect(has('[data-testid="table"]')).toBe(true);

    fake.page.set({ items: [], total: 0 });
    fixture.detectChanges();
    expect(has('[data-testid="empty"]')).toBe(true);

    fake.failure.set(new Error('offline'));
    fixture.detectChanges();
    expect(has('crm-error-state')).toBe(true);
    (el.querySelector('crm-error-state button') as HTMLButtonElement).click();
    expect(fake.reloads()).toBe(1);
  });
});
