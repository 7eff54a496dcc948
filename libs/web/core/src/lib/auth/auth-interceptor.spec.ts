import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { authInterceptor } from './auth-interceptor';
import { SESSION_STORAGE_KEY, SessionStore, type StoredSession } from './session-store';

const user = { id: 'u1', login: 'anna' };
const initial: StoredSession = { accessToken: 'access-1', refreshToken: 'refresh-1', user };
const rotated = { accessToken: 'access-2', refreshToken: 'refresh-2', user };
const unauthorized = { status: 401, statusText: 'Unauthorized' };

/** Lets the refresh (which waits on promises) reach the HTTP backend. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(initial));
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigate').mockResolvedValue(true);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => backend.verify());

  it('adds the bearer token to API calls only', () => {
    http.get('/api/me').subscribe();
    http.post('/api/auth/login', {}).subscribe();
    http.get('/assets/logo.svg').subscribe();

    expect(backend.expectOne('/api/me').request.headers.get('Authorization')).toBe('Bearer access-1');
    expect(backend.expectOne('/api/auth/login').request.headers.has('Authorization')).toBe(false);
    expect(backend.expectOne('/assets/logo.svg').request.headers.has('Authorization')).toBe(false);
  });

  it('refreshes on 401, stores the rotated pair and retries with the new token', async () => {
    const received: unknown[] = [];
    http.get('/api/me').subscribe((body) => received.push(body));

    backend.expectOne('/api/me').flush({ message: 'expired' }, unauthorized);
    await settle();
    const refresh = backend.expectOne('/api/auth/refresh');
    expect(refresh.request.body).toEqual({ refreshToken: 'refresh-1' });
    refresh.flush(rotated);
    await settle();

    const retry = backend.expectOne('/api/me');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
    retry.flush({ id: 'u1' });
    expect(received).toEqual([{ id: 'u1' }]);
    expect(JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY) ?? '{}')).toMatchObject(rotated);
  });

  it('shares one refresh between concurrent 401s (single flight)', async () => {
    const done: string[] = [];
    for (const path of ['/api/a', '/api/b', '/api/c']) http.get(path).subscribe(() => done.push(path));

    for (const path of ['/api/a', '/api/b', '/api/c']) backend.expectOne(path).flush(null, unauthorized);
    await settle();
    backend.expectOne('/api/auth/refresh').flush(rotated);
    await settle();

    for (const path of ['/api/a', '/api/b', '/api/c']) {
      const retry = backend.expectOne(path);
      expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
      retry.flush({});
    }
    expect(done.sort()).toEqual(['/api/a', '/api/b', '/api/c']);
  });

  it('does not refresh again for a 401 answered after the token was already replaced', async () => {
    http.get('/api/slow').subscribe();
    http.get('/api/fast').subscribe();

    backend.expectOne('/api/fast').flush(null, unauthorized);
    await settle();
    backend.expectOne('/api/auth/refresh').flush(rotated);
    await settle();
    backend.expectOne('/api/fast').flush({});

    // The slow request was sent with access-1 before the refresh; its 401 arrives afterwards.
    backend.expectOne('/api/slow').flush(null, unauthorized);
    await settle();
    backend.expectNone('/api/auth/refresh');
    expect(backend.expectOne('/api/slow').request.headers.get('Authorization')).toBe('Bearer access-2');
  });

  it('retries only once: a second 401 reaches the caller without another refresh', async () => {
    let failure: unknown;
    http.get('/api/me').subscribe({ error: (error) => (failure = error) });

    backend.expectOne('/api/me').flush(null, unauthorized);
    await settle();
    backend.expectOne('/api/auth/refresh').flush(rotated);
    await settle();
    backend.expectOne('/api/me').flush(null, unauthorized);
    await settle();

    backend.expectNone('/api/auth/refresh');
    expect((failure as HttpErrorResponse).status).toBe(401);
  });

  it('logs out to /login when the refresh token is refused', async () => {
    const failures: unknown[] = [];
    http.get('/api/a').subscribe({ error: (error) => failures.push(error) });
    http.get('/api/b').subscribe({ error: (error) => failures.push(error) });

    backend.expectOne('/api/a').flush(null, unauthorized);
    backend.expectOne('/api/b').flush(null, unauthorized);
    await settle();
    backend.expectOne('/api/auth/refresh').flush({ message: 'invalid refresh token' }, unauthorized);
    await settle();

    expect(failures).toHaveLength(2);
    expect(TestBed.inject(SessionStore).session()).toBeNull();
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(router.navigate).toHaveBeenCalledWith(['/login'], expect.objectContaining({}));
  });

  it('keeps the session when the refresh fails for a network reason', async () => {
    let failure: unknown;
    http.get('/api/me').subscribe({ error: (error) => (failure = error) });

    backend.expectOne('/api/me').flush(null, unauthorized);
    await settle();
    backend.expectOne('/api/auth/refresh').error(new ProgressEvent('error'));
    await settle();

    expect((failure as HttpErrorResponse).status).toBe(0);
    expect(TestBed.inject(SessionStore).session()).toEqual(initial);
    expect(router.navigate).not.toHaveBeenCalled();
  });

  it('uses the pair another tab already rotated instead of replaying the old refresh token', async () => {
    http.get('/api/me').subscribe();
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(rotated));

    backend.expectOne('/api/me').flush(null, unauthorized);
    await settle();

    backend.expectNone('/api/auth/refresh');
    expect(backend.expectOne('/api/me').request.headers.get('Authorization')).toBe('Bearer access-2');
  });

  it('passes a 401 from the login endpoint straight to the form', async () => {
    let failure: unknown;
    http.post('/api/auth/login', {}).subscribe({ error: (error) => (failure = error) });
    backend.expectOne('/api/auth/login').flush({ message: 'wrong login or password' }, unauthorized);
    await settle();

    backend.expectNone('/api/auth/refresh');
    expect((failure as HttpErrorResponse).status).toBe(401);
  });
});
