import { HttpErrorResponse } from '@angular/common/http';
import { ApplicationRef, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18n } from '@crm/web/i18n';
import { Subject, throwError } from 'rxjs';
import { CompanyContext } from './company-context';
import { companyKey, keyedResource, loadErrorText } from './company-record';

describe('company record helpers', () => {
  const activeId = signal<string | null>(null);

  beforeEach(() => {
    localStorage.clear();
    activeId.set(null);
    TestBed.configureTestingModule({ providers: [{ provide: CompanyContext, useValue: { activeId } }] });
  });

  it('keys the page by the active company and its own ids, and has no key without a company', () => {
    const dealId = signal('d1');
    const key = TestBed.runInInjectionContext(() => companyKey(() => ({ dealId: dealId() })));
    expect(key()).toBeUndefined();
    activeId.set('c1');
    expect(key()).toEqual({ companyId: 'c1', dealId: 'd1' });
    dealId.set('d2');
    expect(key()).toEqual({ companyId: 'c1', dealId: 'd2' });
  });

  it('loads by the key once there is one, and again when it changes', async () => {
    const key = signal<{ id: string } | undefined>(undefined);
    const asked: string[] = [];
    const answers = new Subject<string>();
    const resource = TestBed.runInInjectionContext(() =>
      keyedResource(key, (k) => {
        asked.push(k.id);
        return answers;
      }),
    );
    TestBed.tick();
    expect(asked).toEqual([]);
    key.set({ id: 'a' });
    TestBed.tick();
    answers.next('A');
    await TestBed.inject(ApplicationRef).whenStable();
    expect(asked).toEqual(['a']);
    expect(resource.value()).toBe('A');
    key.set({ id: 'b' });
    TestBed.tick();
    expect(asked).toEqual(['a', 'b']);
  });

  it('says "not found" for a 404 and the server\'s words otherwise', async () => {
    const status = signal(404);
    const resource = TestBed.runInInjectionContext(() =>
      keyedResource(status, (code) => throwError(() => new HttpErrorResponse({ status: code }))),
    );
    const text = TestBed.runInInjectionContext(() => loadErrorText(resource, 'deals.detail.notFound'));
    expect(text()).toBeNull();
    TestBed.tick();
    await TestBed.inject(ApplicationRef).whenStable();
    expect(text()).toBe(TestBed.inject(I18n).t('deals.detail.notFound'));
    status.set(0);
    TestBed.tick();
    await TestBed.inject(ApplicationRef).whenStable();
    expect(text()).not.toBe(TestBed.inject(I18n).t('deals.detail.notFound'));
    expect(text()).toBeTruthy();
  });
});
