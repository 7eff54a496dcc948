import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideAppDates, provideIcons } from '@crm/web/core';
import { I18n } from '@crm/web/i18n';
import { ClientFilters } from './client-filters';
import { type ClientListState, EMPTY_CLIENT_LIST_STATE } from './client-list-state';

describe('client filters', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideIcons(), provideAppDates()],
    });
  });

  function render(state: Partial<ClientListState>) {
    const fixture = TestBed.createComponent(ClientFilters);
    fixture.componentRef.setInput('state', { ...EMPTY_CLIENT_LIST_STATE, ...state });
    fixture.detectChanges();
    const changes: Partial<ClientListState>[] = [];
    fixture.componentInstance.changed.subscribe((change) => changes.push(change));
    const field = (id: string) => fixture.nativeElement.querySelector(`[data-testid="${id}"]`) as HTMLInputElement;
    return { changes, field };
  }

  it('shows and reads the last-contact days in the app language, not the browser’s', () => {
    TestBed.inject(I18n).use('ru');
    TestBed.tick();
    const ru = render({ lastFrom: '2026-11-20' });
    expect(ru.field('lastFrom-filter').value).toBe('20.11.2026');
    ru.field('lastTo-filter').value = '05.12.2026';
    ru.field('lastTo-filter').dispatchEvent(new Event('input'));
    ru.field('lastTo-filter').dispatchEvent(new Event('change'));
    expect(ru.changes).toContainEqual({ lastTo: '2026-12-05' });

    TestBed.inject(I18n).use('en');
    TestBed.tick();
    expect(render({ lastFrom: '2026-11-20' }).field('lastFrom-filter').value).toBe('11/20/2026');
  });
});
