import { HttpTestingController } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { of } from 'rxjs';
import type { CompanyRole, InvitationResponse, MemberResponse } from '@crm/shared/contracts';
import { providePageTesting } from '@crm/web/core/testing';
import { MembersCard } from './members-card';

const MEMBERS = '/api/companies/c1/members';
const INVITATIONS = '/api/companies/c1/invitations';
const invitation = (login: string): InvitationResponse => ({
  id: `i-${login}`,
  userId: null,
  login,
  role: 'member',
  status: 'pending',
  invitedBy: 'anna',
  createdAt: '2026-12-01T10:00:00.000Z',
  expiresAt: '2026-12-15T10:00:00.000Z',
});
const list: MemberResponse[] = [
  { userId: 'u1', login: 'anna', role: 'owner' },
  { userId: 'u2', login: 'ivan', role: 'member' },
];

describe('MembersCard', () => {
  let backend: HttpTestingController;

  async function render(role: CompanyRole): Promise<ComponentFixture<MembersCard>> {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: providePageTesting({
        activeId: signal('c1'),
        role: signal(role),
        canManage: signal(role !== 'member'),
        me: signal({ id: 'u1', login: 'anna', companies: [] }),
        reload: jest.fn().mockResolvedValue(undefined),
      }),
    });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(MembersCard);
    fixture.detectChanges();
    backend.expectOne(MEMBERS).flush(list);
    if (role !== 'member') backend.expectOne(INVITATIONS).flush([]);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture;
  }

  async function invite(fixture: ComponentFixture<MembersCard>, login: string): Promise<void> {
    const element = fixture.nativeElement as HTMLElement;
    const input = element.querySelector('[data-testid="invite-login"]') as HTMLInputElement;
    input.value = login;
    input.dispatchEvent(new Event('input'));
    (element.querySelector('[data-testid="invite-submit"]') as HTMLButtonElement).click();
    fixture.detectChanges();
  }

  afterEach(() => backend.verify());

  it('lists logins and roles for a member without any management control', async () => {
    const fixture = await render('member');
    const element = fixture.nativeElement as HTMLElement;

    expect(element.textContent).toContain('anna');
    expect(element.textContent).toContain('Сотрудник');
    expect(element.querySelector('crm-invite-form')).toBeNull();
    expect(element.querySelector('mat-select')).toBeNull();
    expect(element.querySelector('[data-testid^="remove-"]')).toBeNull();
  });

  it('lets an admin manage members but not owners', async () => {
    const fixture = await render('admin');
    const element = fixture.nativeElement as HTMLElement;

    expect(element.querySelector('crm-invite-form')).not.toBeNull();
    expect(element.querySelector('[data-testid="role-ivan"]')).not.toBeNull();
    expect(element.querySelector('[data-testid="role-anna"]')).toBeNull();
    expect(element.querySelector('[data-testid="remove-anna"]')).toBeNull();
  });

  it('invites by login, says only that the invitation is saved and lists it as pending', async () => {
    const fixture = await render('owner');
    await invite(fixture, 'olga');
    const request = backend.expectOne({ method: 'POST', url: MEMBERS });
    expect(request.request.body).toEqual({ login: 'olga', role: 'member' });
    request.flush(invitation('olga'), { status: 201, statusText: 'Created' });
    fixture.detectChanges();

    backend.expectOne(INVITATIONS).flush([invitation('olga')]);
    await fixture.whenStable();
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelectorAll('[data-testid="member-row"]')).toHaveLength(2);
    expect(element.querySelector('[data-testid="pending-invitation"]')?.textContent).toContain('olga');
    expect(document.querySelector('.mat-mdc-snack-bar-label')?.textContent?.trim()).toBe(
      'Приглашение для olga сохранено. Участником он станет, когда примет приглашение.',
    );
  });

  it('withdraws a pending invitation', async () => {
    const fixture = await render('owner');
    await invite(fixture, 'olga');
    backend.expectOne({ method: 'POST', url: MEMBERS }).flush(invitation('olga'));
    fixture.detectChanges();
    backend.expectOne(INVITATIONS).flush([invitation('olga')]);
    await fixture.whenStable();
    fixture.detectChanges();

    (fixture.nativeElement.querySelector('[data-testid="revoke-olga"]') as HTMLButtonElement).click();
    backend.expectOne({ method: 'DELETE', url: `${INVITATIONS}/i-olga` }).flush(null);
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelector('[data-testid="pending-invitation"]')).toBeNull();
  });

  it('explains a login that is already a member by the answer code, in Russian', async () => {
    const fixture = await render('owner');
    await invite(fixture, 'ivan');
    backend
      .expectOne({ method: 'POST', url: MEMBERS })
      .flush(
        { statusCode: 409, error: 'Conflict', message: 'This user is already a member', code: 'already_member' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    fixture.detectChanges();

    expect(
      (fixture.nativeElement as HTMLElement).querySelector('[data-testid="invite-error"]')?.textContent?.trim(),
    ).toBe('Этот пользователь уже в компании');
  });

  it("shows the last-owner refusal in Russian, not the server's English", async () => {
    const fixture = await render('owner');
    // The confirmation dialog answers "yes" at once.
    jest.spyOn(TestBed.inject(MatDialog), 'open').mockReturnValue({ afterClosed: () => of(true) } as never);
    (fixture.nativeElement.querySelector('[data-testid="remove-ivan"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    backend
      .expectOne({ method: 'DELETE', url: `${MEMBERS}/u2` })
      .flush(
        { statusCode: 409, error: 'Conflict', message: 'A company must keep at least one owner', code: 'last_owner' },
        { status: 409, statusText: 'Conflict' },
      );
    fixture.detectChanges();
    const snackbar = document.querySelector('.mat-mdc-snack-bar-label')?.textContent ?? '';
    expect(snackbar).toContain('В компании должен остаться хотя бы один владелец.');
    expect(snackbar).not.toContain('A company must keep');
    // The list is reloaded after a refusal.
    TestBed.tick();
    backend.expectOne(MEMBERS).flush(list);
  });
});
