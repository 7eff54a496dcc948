import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CompanyRole, MemberResponse } from '@crm/shared/contracts';
import { CompanyContext, provideIcons } from '@crm/web/core';
import { MembersCard } from './members-card';

const MEMBERS = '/api/companies/c1/members';
const list: MemberResponse[] = [
  { userId: 'u1', login: 'anna', role: 'owner' },
  { userId: 'u2', login: 'ivan', role: 'member' },
];

describe('MembersCard', () => {
  let backend: HttpTestingController;

  async function render(role: CompanyRole): Promise<ComponentFixture<MembersCard>> {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideIcons(),
        {
          provide: CompanyContext,
          useValue: {
            activeId: signal('c1'),
            role: signal(role),
            canManage: signal(role !== 'member'),
            me: signal({ id: 'u1', login: 'anna', companies: [] }),
            reload: jest.fn().mockResolvedValue(undefined),
          },
        },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(MembersCard);
    fixture.detectChanges();
    backend.expectOne(MEMBERS).flush(list);
    await fixture.whenStable();
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

  it('invites by login and reloads the list', async () => {
    const fixture = await render('owner');
    await invite(fixture, 'olga');
    const request = backend.expectOne({ method: 'POST', url: MEMBERS });
    expect(request.request.body).toEqual({ login: 'olga', role: 'member' });
    request.flush({ userId: 'u3', login: 'olga', role: 'member' });
    fixture.detectChanges();

    backend.expectOne(MEMBERS).flush([...list, { userId: 'u3', login: 'olga', role: 'member' }]);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="member-row"]')).toHaveLength(3);
  });

  it.each([
    [404, 'Пользователь с таким логином не найден'],
    [409, 'Этот пользователь уже в компании'],
  ])('explains an invitation answered with %i', async (status, message) => {
    const fixture = await render('owner');
    await invite(fixture, 'olga');
    backend.expectOne({ method: 'POST', url: MEMBERS }).flush({ message: 'x' }, { status, statusText: 'Error' });
    await fixture.whenStable();

    expect(
      (fixture.nativeElement as HTMLElement).querySelector('[data-testid="invite-error"]')?.textContent?.trim(),
    ).toBe(message);
  });
});
