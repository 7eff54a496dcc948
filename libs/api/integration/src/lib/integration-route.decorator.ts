import { applyDecorators, CanActivate, ExecutionContext, Inject, Injectable, UseGuards } from '@nestjs/common';
import { ApiKeyAuth } from '@crm/api/api-keys';
import {
  APP_CONFIG,
  type AppConfig,
  ApiErrors,
  type CrmRequest,
  RateLimiter,
  TooManyRequestsException,
} from '@crm/api/core';

/** The one per-key limiter of the process, shared by every module's guard instance. */
@Injectable()
export class IntegrationRateLimiter extends RateLimiter {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config.http.integrationRequestsPerMinute);
  }
}

/** Limits `/api/v1/*` per API key (`INTEGRATION_RATE_LIMIT` requests a minute): 429 with Retry-After. */
@Injectable()
export class IntegrationRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: IntegrationRateLimiter) {}

  canActivate(context: ExecutionContext): boolean {
    const scope = context.switchToHttp().getRequest<CrmRequest>().companyScope;
    const key = scope?.apiKeyId ?? scope?.companyId ?? 'anonymous';
    const decision = this.limiter.hit(key);
    if (!decision.allowed) {
      throw new TooManyRequestsException(
        `Rate limit of this API key exceeded; retry in ${decision.retryAfterSeconds} s`,
        decision.retryAfterSeconds,
      );
    }
    return true;
  }
}

/**
 * An integration API route: the company comes from the `X-API-Key` (401 without a valid key),
 * then the per-key rate limit applies (429). `@Scope()` gives the key's company.
 */
export function IntegrationRoute() {
  return applyDecorators(ApiKeyAuth(), UseGuards(IntegrationRateLimitGuard), ApiErrors(429));
}
