import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { MyInvitationResponse } from '@crm/shared/contracts';
import { CompanyContext } from '@crm/web/core';
import { providePageTesting } from '@crm/web/core/testing';
import { InvitationNotice } from './invitation-notice';

const invitation: MyInvitationResponse = {
  id: 'i1',
  company: { id: 'c2', name: 'ООО Ромашка' },
  role: 'admin',
  invitedBy: 'anna',
  createdAt: '2026-12-01T10:00:00.000Z',
  expiresAt: '2026-12-15T10:00:00.000Z',
};

describe('InvitationNotice', () => {
  let backend: HttpTestingController;

  async function render() {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: providePageTesting(),
    });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(InvitationNotice);
    fixture.detectChanges();
    backend.expectOne('/api/me/invitations').flush([invitation]);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture;
  }

  afterEach(() => backend.verify());

  it('shows an invitation to the user with the company, role and who invited', async () => {
    const fixture = await render();
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('Вас пригласили в компанию');
    expect(text).toContain('Компания: ООО Ромашка');
    expect(text).toContain('Роль: Администратор');
    expect(text).toContain('приглашение от anna');
  });

  it('accepts: the company list is reloaded and the new company becomes the active one', async () => {
    const fixture = await render();
    const joined = jest.fn();
    fixture.componentRef.instance.joined.subscribe(joined);
    const context = TestBed.inject(CompanyContext);
    const reload = jest.spyOn(context, 'reload').mockResolvedValue({ id: 'u1', login: 'ivan', companies: [] });
    const select = jest.spyOn(context, 'select');

    (fixture.nativeElement.querySelector('[data-testid="accept-invitation"]') as HTMLButtonElement).click();
    backend.expectOne({ method: 'POST', url: '/api/me/invitations/i1/accept' }).flush({
      id: 'c2',
      name: 'ООО Ромашка',
      role: 'admin',
    });
    await fixture.whenStable();
    fixture.detectChanges();

    expect(reload).toHaveBeenCalled();
    expect(select).toHaveBeenCalledWith('c2');
    expect(joined).toHaveBeenCalledWith({ id: 'c2', name: 'ООО Ромашка', role: 'admin' });
    expect((fixture.nativeElement as HTMLElement).querySelector('[data-testid="my-invitation"]')).toBeNull();
  });

  it('declines: the invitation disappears', async () => {
    const fixture = await render();
    (fixture.nativeElement.querySelector('[data-testid="decline-invitation"]') as HTMLButtonElement).click();
    backend.expectOne({ method: 'POST', url: '/api/me/invitations/i1/decline' }).flush(null);
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelector('[data-testid="invitation-notice"]')).toBeNull();
  });
});
