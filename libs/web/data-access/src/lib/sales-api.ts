import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CreateSaleDto,
  SaleDetailResponse,
  SalePageResponse,
  SaleResponse,
  UpdateSaleDto,
} from '@crm/shared/contracts';
import type { Observable } from 'rxjs';
import { type ApiParams, toHttpParams } from './http-params';

/** `/api/companies/:companyId/sales`. */
@Injectable({ providedIn: 'root' })
export class SalesApi {
  private readonly http = inject(HttpClient);

  private url(companyId: string, saleId?: string): string {
    const base = `/api/companies/${encodeURIComponent(companyId)}/sales`;
    return saleId ? `${base}/${encodeURIComponent(saleId)}` : base;
  }

  list(companyId: string, query: ApiParams): Observable<SalePageResponse> {
    return this.http.get<SalePageResponse>(this.url(companyId), { params: toHttpParams(query) });
  }

  get(companyId: string, saleId: string): Observable<SaleDetailResponse> {
    return this.http.get<SaleDetailResponse>(this.url(companyId, saleId));
  }

  create(companyId: string, body: CreateSaleDto): Observable<SaleResponse> {
    return this.http.post<SaleResponse>(this.url(companyId), body);
  }

  update(companyId: string, saleId: string, body: UpdateSaleDto): Observable<SaleResponse> {
    return this.http.patch<SaleResponse>(this.url(companyId, saleId), body);
  }

  remove(companyId: string, saleId: string): Observable<void> {
    return this.http.delete<void>(this.url(companyId, saleId));
  }
}
