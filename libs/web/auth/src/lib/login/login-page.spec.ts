import type { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { SessionStore } from '@crm/web/core';
import { renderPage } from '@crm/web/core/testing';
import { LoginPage } from './login-page';

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  beforeEach(async () => {
    ({ fixture, element, backend } = await renderPage(LoginPage));
  });

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
  });

  async function signIn(login: string, password: string): Promise<void> {
    for (const [name, value] of [
      ['login', login],
      ['password', password],
    ]) {
      const input = element.querySelector(`input[name="${name}"]`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    (element.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    fixture.detectChanges();
  }

  const errorText = () => element.querySelector('[data-testid="form-error"]')?.textContent?.trim();

  it('says "wrong login or password" on 401', async () => {
    await signIn('anna', 'not-the-password');
    backend
      .expectOne('/api/auth/login')
      .flush({ statusCode: 401, message: 'Invalid credentials' }, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();

    expect(errorText()).toBe('Неверный логин или пароль');
  });

  it('counts down the Retry-After seconds on 429 and blocks the button meanwhile', async () => {
    await signIn('anna', 'not-the-password');
    jest.useFakeTimers();
    backend
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 429, message: 'Too many attempts' },
        { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '30' } },
      );
    fixture.detectChanges();
    const submit = element.querySelector('button[type="submit"]') as HTMLButtonElement;
    expect(errorText()).toBe('Слишком много попыток. Повторите через 30 с.');
    expect(submit.disabled).toBe(true);

    jest.advanceTimersByTime(3000);
    fixture.detectChanges();
    expect(errorText()).toBe('Слишком много попыток. Повторите через 27 с.');

    jest.advanceTimersByTime(27000);
    fixture.detectChanges();
    expect(submit.disabled).toBe(false);
  });

  it('stores the session and goes to the start screen on success', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await signIn('anna', 'correct-horse-battery');
    const request = backend.expectOne('/api/auth/login');
    expect(request.request.body).toEqual({ login: 'anna', password: 'correct-horse-battery' });
    request.flush({ accessToken: 'a', refreshToken: 'r', user: { id: 'u1', login: 'anna' } });

    expect(TestBed.inject(SessionStore).session()?.user.login).toBe('anna');
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('sends nothing while a field is empty', async () => {
    await signIn('', '');
    backend.expectNone('/api/auth/login');
    expect(element.textContent).toContain('Введите логин');
  });
});
