import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { API_KEY_AUTH, ApiErrors, Public } from '@crm/api/core';
import { ApiKeyGuard } from './api-key.guard';

/**
 * An integration route: authenticated by the company API key in `X-API-Key` (not by a JWT);
 * `@Scope()` gives the key's company.
 */
export function ApiKeyAuth() {
  return applyDecorators(Public(), UseGuards(ApiKeyGuard), ApiSecurity(API_KEY_AUTH), ApiErrors(401));
}
