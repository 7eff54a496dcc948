import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { CrmRequest } from '@crm/api/core';
import { ApiKeysService } from './api-keys.service';

export const API_KEY_HEADER = 'x-api-key';

/** Resolves the company of `/api/v1/*` requests from the `X-API-Key` header; 401 otherwise. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly keys: ApiKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<CrmRequest>();
    const presented = request.headers[API_KEY_HEADER];
    if (typeof presented !== 'string' || presented.length === 0) {
      throw new UnauthorizedException('The X-API-Key header is required');
    }
    const scope = presented.length <= 200 ? await this.keys.authenticate(presented) : null;
    if (!scope) throw new UnauthorizedException('The API key is unknown or revoked');
    request.companyScope = scope;
    return true;
  }
}
