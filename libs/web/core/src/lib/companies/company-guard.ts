import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { Session } from '../auth/session';
import { CompanyContext } from './company-context';

/**
 * The company area needs a company: a user without one is offered to create it. If the list
 * cannot be loaded (network), the shell opens and shows the error with a retry.
 */
export const companyGuard: CanActivateFn = async () => {
  const context = inject(CompanyContext);
  const router = inject(Router);
  const session = inject(Session);
  try {
    const me = await context.ensureLoaded();
    return me.companies.length > 0 ? true : router.createUrlTree(['/welcome']);
  } catch {
    return session.isAuthenticated() ? true : router.createUrlTree(['/login']);
  }
};
