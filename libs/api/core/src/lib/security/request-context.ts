import { createParamDecorator, ExecutionContext, InternalServerErrorException } from '@nestjs/common';
import type { CompanyRole } from '@crm/shared/contracts';
import type { Request } from 'express';

/** The authenticated user, as the JWT guard puts it on the request. */
export interface AuthenticatedUser {
  id: string;
  login: string;
}

/**
 * The company a request acts for, resolved once by a guard (membership for the web API,
 * the key for the integration API). Every tenant repository method takes it.
 */
export interface CompanyScope {
  readonly companyId: string;
  /** The caller's role for user requests; absent for API-key requests. */
  readonly role?: CompanyRole;
  readonly userId?: string;
  readonly apiKeyId?: string;
}

export interface CrmRequest extends Request {
  user?: AuthenticatedUser;
  companyScope?: CompanyScope;
}

/** The user the JWT guard authenticated. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedUser => {
  const user = ctx.switchToHttp().getRequest<CrmRequest>().user;
  if (!user) throw new InternalServerErrorException('CurrentUser used on a route without authentication');
  return user;
});

/** The company scope a guard resolved for this request. */
export const Scope = createParamDecorator((_: unknown, ctx: ExecutionContext): CompanyScope => {
  const scope = ctx.switchToHttp().getRequest<CrmRequest>().companyScope;
  if (!scope) throw new InternalServerErrorException('Scope used on a route without a company guard');
  return scope;
});
