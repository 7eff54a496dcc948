import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ApiKeyResponse,
  CreateApiKeyDto,
  CreatedApiKeyResponse,
  RevealedApiKeyResponse,
} from '@crm/shared/contracts';
import type { Observable } from 'rxjs';

/** `/api/companies/:companyId/api-keys`. The list never carries secrets. */
@Injectable({ providedIn: 'root' })
export class ApiKeysApi {
  private readonly http = inject(HttpClient);

  private url(companyId: string, keyId?: string): string {
    const base = `/api/companies/${encodeURIComponent(companyId)}/api-keys`;
    return keyId ? `${base}/${encodeURIComponent(keyId)}` : base;
  }

  list(companyId: string): Observable<ApiKeyResponse[]> {
    return this.http.get<ApiKeyResponse[]>(this.url(companyId));
  }

  create(companyId: string, body: CreateApiKeyDto): Observable<CreatedApiKeyResponse> {
    return this.http.post<CreatedApiKeyResponse>(this.url(companyId), body);
  }

  /** Owner/admin only. */
  reveal(companyId: string, keyId: string): Observable<RevealedApiKeyResponse> {
    return this.http.get<RevealedApiKeyResponse>(`${this.url(companyId, keyId)}/reveal`);
  }

  /** Issues a new key; the old one stops working at once. */
  rotate(companyId: string, keyId: string): Observable<CreatedApiKeyResponse> {
    return this.http.post<CreatedApiKeyResponse>(`${this.url(companyId, keyId)}/rotate`, {});
  }

  revoke(companyId: string, keyId: string): Observable<void> {
    return this.http.delete<void>(this.url(companyId, keyId));
  }
}
