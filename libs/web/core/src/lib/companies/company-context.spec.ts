import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { AuthResponse, MeResponse } from '@crm/shared/contracts';
import { Session } from '../auth/session';
import { CompanyContext } from './company-context';

const anna: AuthResponse = { accessToken: 'a1', refreshToken: 'r1', user: { id: 'u-anna', login: 'anna' } };
const boris: AuthResponse = { accessToken: 'b1', refreshToken: 'r2', user: { id: 'u-boris', login: 'boris' } };
const shared = { id: 'c-shared', name: 'Shared', role: 'member' as const };
const annaMe: MeResponse = {
  id: 'u-anna',
  login: 'anna',
  companies: [{ id: 'c-anna', name: 'Anna', role: 'owner' }, shared],
};
const borisMe: MeResponse = {
  id: 'u-boris',
  login: 'boris',
  companies: [{ id: 'c-boris', name: 'Boris', role: 'owner' }, shared],
};

describe('CompanyContext across users', () => {
  let session: Session;
  let context: CompanyContext;
  let backend: HttpTestingController;

  async function signIn(auth: AuthResponse, me: MeResponse): Promise<void> {
    session.start(auth);
    const loaded = context.reload();
    backend.expectOne('/api/me').flush(me);
    await loaded;
  }

  function signOut(): void {
    session.logout();
    backend.expectOne('/api/auth/logout').flush(null);
  }

  /** The app started: what the session and the company context remember comes from storage. */
  function startApp(): void {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    session = TestBed.inject(Session);
    context = TestBed.inject(CompanyContext);
    backend = TestBed.inject(HttpTestingController);
  }

  beforeEach(() => {
    localStorage.clear();
    startApp();
  });

  afterEach(() => backend.verify());

  it("does not keep the previous user's company selected after logout and another login", async () => {
    await signIn(anna, annaMe);
    context.select('c-shared');
    expect(context.activeId()).toBe('c-shared');

    signOut();
    expect(context.activeId()).toBeNull();
    await signIn(boris, borisMe);

    expect(context.activeId()).toBe('c-boris');
  });

  it('does not carry the choice over through storage when the app is opened again by another user', async () => {
    await signIn(anna, annaMe);
    context.select('c-shared');
    signOut();

    // A fresh app (a reload or a new tab) reads the remembered choice from storage.
    TestBed.resetTestingModule();
    startApp();
    await signIn(boris, borisMe);

    expect(context.activeId()).toBe('c-boris');
  });

  it("remembers each user's own choice for their next visit", async () => {
    await signIn(anna, annaMe);
    context.select('c-shared');
    signOut();
    await signIn(anna, annaMe);

    expect(context.activeId()).toBe('c-shared');
  });

  it('makes the company a registration created active for its user', async () => {
    await signIn({ ...boris, company: { id: 'c-shared', name: 'Shared' } }, borisMe);

    expect(context.activeId()).toBe('c-shared');
  });
});
