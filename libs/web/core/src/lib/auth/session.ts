import { HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import type { AuthResponse } from '@crm/shared/contracts';
import { defer, finalize, firstValueFrom, type Observable, of, shareReplay, throwError } from 'rxjs';
import { AuthApi } from '@crm/web/data-access';
import { CompanyContext } from '../companies/company-context';
import { readStoredSession, SessionStore } from './session-store';

/** Thrown to callers waiting on a refresh when there is no session to refresh. */
export class SessionEndedError extends Error {
  constructor() {
    super('The session has ended');
  }
}

const REFRESH_LOCK = 'crm.session.refresh';

/**
 * The signed-in user and their tokens: sign in, refresh (single-flight, across tabs too) and
 * sign out. The HTTP interceptor and the route guards are thin layers over this service.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly store = inject(SessionStore);
  private readonly api = inject(AuthApi);
  private readonly router = inject(Router);
  private readonly companies = inject(CompanyContext);
  private refreshing: Observable<string> | null = null;

  readonly user = computed(() => this.store.session()?.user ?? null);
  readonly isAuthenticated = computed(() => this.store.session() !== null);

  constructor() {
    this.store.externalChanges.pipe(takeUntilDestroyed()).subscribe((next) => {
      if (next === null) {
        // Logged out in another tab: this tab's session is gone too.
        this.companies.reset();
        void this.router.navigateByUrl('/login');
      } else if (next.user.id !== this.companies.me()?.id) {
        this.companies.reset();
        void this.router.navigateByUrl('/');
      }
    });
  }

  accessToken(): string | null {
    return this.store.session()?.accessToken ?? null;
  }

  /** Keeps the pair from a register, login or refresh answer. */
  start(auth: AuthResponse): void {
    this.companies.reset();
    this.store.save({ accessToken: auth.accessToken, refreshToken: auth.refreshToken, user: auth.user });
    if (auth.company) this.companies.prefer(auth.company.id);
  }

  /**
   * A fresh access token after `failedToken` was refused with 401. Concurrent callers share one
   * `POST /api/auth/refresh`; a caller whose token was already replaced gets the new one without
   * another call. If the refresh itself is refused, the session ends and the user goes to /login.
   */
  refreshAccessToken(failedToken: string | null): Observable<string> {
    const current = this.store.session();
    if (!current) return throwError(() => new SessionEndedError());
    if (failedToken !== null && current.accessToken !== failedToken) return of(current.accessToken);
    if (!this.refreshing) {
      this.refreshing = defer(() => this.exclusive(() => this.rotate(current.refreshToken))).pipe(
        finalize(() => (this.refreshing = null)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.refreshing;
  }

  logout(): void {
    const refreshToken = this.store.session()?.refreshToken;
    if (refreshToken) this.api.logout(refreshToken).subscribe({ error: () => undefined });
    this.end();
    void this.router.navigateByUrl('/login');
  }

  /** The refresh token was refused: sign out and ask to sign in again, then come back. */
  expire(): void {
    const returnUrl = this.router.url;
    this.end();
    void this.router.navigate(['/login'], {
      queryParams: { reason: 'expired', returnUrl: returnUrl.startsWith('/login') ? null : returnUrl },
    });
  }

  private end(): void {
    this.refreshing = null;
    this.store.clear();
    this.companies.reset();
  }

  private async rotate(refreshToken: string): Promise<string> {
    // Another tab may have rotated while this one waited for the lock: use its pair.
    const stored = readStoredSession();
    if (stored && stored.refreshToken !== refreshToken) {
      this.store.adopt(stored);
      return stored.accessToken;
    }
    try {
      const auth = await firstValueFrom(this.api.refresh(refreshToken));
      this.store.save({ accessToken: auth.accessToken, refreshToken: auth.refreshToken, user: auth.user });
      return auth.accessToken;
    } catch (error) {
      // A refused token (400/401/403) ends the session; a network failure or 5xx does not.
      if (error instanceof HttpErrorResponse && error.status >= 400 && error.status < 500) this.expire();
      throw error;
    }
  }

  /** Serialises refreshes across tabs where the Web Locks API exists. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const locks = globalThis.navigator?.locks;
    // lib.dom types the result as Promise<Promise<T>>; at run time it is the task's own promise.
    return locks ? (locks.request(REFRESH_LOCK, task) as unknown as Promise<T>) : task();
  }
}
