import { inject } from '@angular/core';
import { type CanMatchFn, Router } from '@angular/router';
import { Session } from './session';

/** The signed-in area: without a session, go to /login and come back afterwards. */
export const authGuard: CanMatchFn = (_route, segments) => {
  if (inject(Session).isAuthenticated()) return true;
  const returnUrl = '/' + segments.map((segment) => segment.path).join('/');
  return inject(Router).createUrlTree(['/login'], {
    queryParams: returnUrl === '/' ? {} : { returnUrl },
  });
};

/** Login and registration: a signed-in user goes straight to the start screen. */
export const anonymousGuard: CanMatchFn = () =>
  inject(Session).isAuthenticated() ? inject(Router).createUrlTree(['/']) : true;
