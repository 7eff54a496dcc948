import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ExchangeRateDto, ExchangeRatesResponse } from '@crm/shared/contracts';
import type { Observable } from 'rxjs';

/** `/api/companies/:companyId/exchange-rates`: read by members, written by owners and admins. */
@Injectable({ providedIn: 'root' })
export class ExchangeRatesApi {
  private readonly http = inject(HttpClient);

  private url(companyId: string): string {
    return `/api/companies/${encodeURIComponent(companyId)}/exchange-rates`;
  }

  list(companyId: string): Observable<ExchangeRatesResponse> {
    return this.http.get<ExchangeRatesResponse>(this.url(companyId));
  }

  /** Adds or replaces rates by (currency, validFrom); the others are kept. */
  put(companyId: string, rates: ExchangeRateDto[]): Observable<ExchangeRatesResponse> {
    return this.http.put<ExchangeRatesResponse>(this.url(companyId), { rates });
  }
}
