import type { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { CompanyContext } from '@crm/web/core';
import { renderPage } from '@crm/web/core/testing';
import { RegisterPage } from './register-page';

describe('RegisterPage', () => {
  let fixture: ComponentFixture<RegisterPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  beforeEach(async () => {
    ({ fixture, element, backend } = await renderPage(RegisterPage));
  });

  afterEach(() => backend.verify());

  async function register(values: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(values)) {
      const input = element.querySelector(`input[name="${name}"]`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    (element.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
  }

  it('refuses a login with spaces and a short password before calling the API', async () => {
    await register({ login: 'anna petrova', password: 'short' });

    backend.expectNone('/api/auth/register');
    expect(element.textContent).toContain('Логин: 3–64 символа, только буквы, цифры и . _ - @');
    expect(element.textContent).toContain('Пароль должен быть не короче 10 символов');
  });

  it('says the login is taken on 409', async () => {
    await register({ login: 'anna', password: 'correct-horse-battery' });
    backend.expectOne('/api/auth/register').flush({ message: 'Login taken' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();

    expect(element.querySelector('[data-testid="form-error"]')?.textContent?.trim()).toBe(
      'Этот логин уже занят. Выберите другой.',
    );
  });

  it('creates the company with the account and makes it the active one', async () => {
    jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await register({ login: 'анна', password: 'correct-horse-battery', companyName: '  ООО Ромашка ' });
    const request = backend.expectOne('/api/auth/register');
    expect(request.request.body).toEqual({
      login: 'анна',
      password: 'correct-horse-battery',
      companyName: 'ООО Ромашка',
    });
    request.flush({
      accessToken: 'a',
      refreshToken: 'r',
      user: { id: 'u1', login: 'анна' },
      company: { id: 'c9', name: 'ООО Ромашка' },
    });

    expect(JSON.parse(localStorage.getItem('crm.activeCompanies') ?? '{}')).toEqual({ u1: 'c9' });
    expect(TestBed.inject(CompanyContext).me()).toBeNull();
  });
});
