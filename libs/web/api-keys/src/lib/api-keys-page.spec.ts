import { HttpTestingController } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { ApiKeyResponse, CompanyRole } from '@crm/shared/contracts';
import { ClipboardWriter } from '@crm/web/core';
import { providePageTesting } from '@crm/web/core/testing';
import { ApiKeysPage } from './api-keys-page';

const LIST = '/api/companies/c1/api-keys';
const active: ApiKeyResponse = {
  id: 'k1',
  name: 'Интернет-магазин',
  prefix: 'crm_live_3fA9',
  createdAt: '2026-11-01T10:00:00.000Z',
  lastUsedAt: '2026-11-18T10:00:00.000Z',
  revokedAt: null,
};
const revoked: ApiKeyResponse = {
  id: 'k0',
  name: 'Старый ключ',
  prefix: 'crm_live_0000',
  createdAt: '2026-10-01T10:00:00.000Z',
  lastUsedAt: null,
  revokedAt: '2026-10-20T10:00:00.000Z',
};

describe('ApiKeysPage', () => {
  let backend: HttpTestingController;
  let clipboard: { copy: jest.Mock };

  async function render(role: CompanyRole, keys: ApiKeyResponse[]): Promise<ComponentFixture<ApiKeysPage>> {
    localStorage.clear();
    clipboard = { copy: jest.fn().mockResolvedValue(true) };
    TestBed.configureTestingModule({
      providers: [
        ...providePageTesting({
          activeId: signal('c1'),
          role: signal(role),
          canManage: signal(role !== 'member'),
          active: signal({ id: 'c1', name: 'Ромашка', role }),
        }),
        { provide: ClipboardWriter, useValue: clipboard },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ApiKeysPage);
    fixture.detectChanges();
    backend.expectOne(LIST).flush(keys);
    await fixture.whenStable();
    return fixture;
  }

  const query = (fixture: ComponentFixture<unknown>, testId: string) =>
    (fixture.nativeElement as HTMLElement).querySelectorAll(`[data-testid="${testId}"]`);
  const text = (fixture: ComponentFixture<unknown>) => (fixture.nativeElement as HTMLElement).textContent ?? '';

  afterEach(() => backend.verify());

  it('shows a member the masked keys but no reveal, copy, create, rotate or revoke, and says why', async () => {
    const fixture = await render('member', [active]);

    expect(text(fixture)).toContain('crm_live_3fA9••••••••••••');
    expect(query(fixture, 'member-notice')).toHaveLength(1);
    for (const control of ['reveal-key', 'copy-key', 'rotate-key', 'revoke-key', 'create-key']) {
      expect({ control, count: query(fixture, control).length }).toEqual({ control, count: 0 });
    }
  });

  it('tells a member with no keys to ask an owner instead of offering to create one', async () => {
    const fixture = await render('member', []);

    expect(text(fixture)).toContain('Попросите владельца или администратора');
    expect(query(fixture, 'create-key')).toHaveLength(0);
  });

  it.each<CompanyRole>(['owner', 'admin'])('gives an %s every key control and no notice', async (role) => {
    const fixture = await render(role, [active]);

    expect(query(fixture, 'member-notice')).toHaveLength(0);
    for (const control of ['reveal-key', 'copy-key', 'rotate-key', 'revoke-key', 'create-key']) {
      expect({ control, count: query(fixture, control).length }).toEqual({ control, count: 1 });
    }
  });

  it('reveals the full key for an owner', async () => {
    const fixture = await render('owner', [active]);

    (query(fixture, 'reveal-key')[0] as HTMLButtonElement).click();
    backend.expectOne(`${LIST}/k1/reveal`).flush({ key: 'crm_live_3fA9secretsecret' });
    await fixture.whenStable();

    expect(text(fixture)).toContain('crm_live_3fA9secretsecret');
    expect(query(fixture, 'hide-key')).toHaveLength(1);
  });

  it('copies the key without showing it and confirms in a snackbar', async () => {
    const fixture = await render('owner', [active]);

    (query(fixture, 'copy-key')[0] as HTMLButtonElement).click();
    backend.expectOne(`${LIST}/k1/reveal`).flush({ key: 'crm_live_3fA9secretsecret' });
    await fixture.whenStable();

    expect(clipboard.copy).toHaveBeenCalledWith('crm_live_3fA9secretsecret');
    expect(document.body.textContent).toContain('Ключ скопирован в буфер обмена');
    // Copying does not put the secret on screen; revealing it needs no second request.
    expect(text(fixture)).not.toContain('crm_live_3fA9secretsecret');
    (query(fixture, 'reveal-key')[0] as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(text(fixture)).toContain('crm_live_3fA9secretsecret');
  });

  it('hides revoked keys until asked, then shows them without actions', async () => {
    const fixture = await render('owner', [active, revoked]);

    expect(text(fixture)).not.toContain('Старый ключ');
    const toggle = query(fixture, 'toggle-revoked')[0] as HTMLButtonElement;
    expect(toggle.textContent).toContain('Показать 1 отозванный');

    toggle.click();
    await fixture.whenStable();

    expect(text(fixture)).toContain('Старый ключ');
    expect(query(fixture, 'key-row')).toHaveLength(2);
    expect(query(fixture, 'rotate-key')).toHaveLength(1);
  });

  it('shows an error with a retry that loads the list again', async () => {
    TestBed.resetTestingModule();
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        ...providePageTesting({
          activeId: signal('c1'),
          role: signal('owner'),
          canManage: signal(true),
          active: signal(null),
        }),
        { provide: ClipboardWriter, useValue: { copy: jest.fn() } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ApiKeysPage);
    fixture.detectChanges();
    backend.expectOne(LIST).flush({ message: 'boom' }, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();
    expect(text(fixture)).toContain('Сервер не смог выполнить запрос');

    const retry = (fixture.nativeElement as HTMLElement).querySelector('crm-error-state button') as HTMLButtonElement;
    retry.click();
    fixture.detectChanges();
    backend.expectOne(LIST).flush([active]);
    await fixture.whenStable();
    expect(text(fixture)).toContain('Интернет-магазин');
  });
});
