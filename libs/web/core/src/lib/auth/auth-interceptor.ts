import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';
import { Session } from './session';

function withBearer<T>(request: HttpRequest<T>, token: string | null): HttpRequest<T> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

/** Our API, minus the auth endpoints, which carry their credentials in the body. */
function needsBearer(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/auth/');
}

/**
 * Adds `Authorization: Bearer …` to API calls. On a 401 it refreshes once (shared by every
 * request that failed meanwhile) and retries the request once with the new token; if the
 * refresh is refused the session ends and the user lands on /login.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!needsBearer(request.url)) return next(request);
  const session = inject(Session);
  const token = session.accessToken();
  return next(withBearer(request, token)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401 || !session.isAuthenticated()) {
        return throwError(() => error);
      }
      return session.refreshAccessToken(token).pipe(switchMap((fresh) => next(withBearer(request, fresh))));
    }),
  );
};
