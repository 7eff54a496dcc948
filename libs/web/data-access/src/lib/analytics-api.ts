import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AnalyticsSummaryResponse,
  AnalyticsTimeseriesResponse,
  RevenueForecastResponse,
} from '@crm/shared/contracts';
import type { Observable } from 'rxjs';

/** `/api/companies/:companyId/analytics` figures the start screen shows. */
@Injectable({ providedIn: 'root' })
export class AnalyticsApi {
  private readonly http = inject(HttpClient);

  private url(companyId: string, path: string): string {
    return `/api/companies/${encodeURIComponent(companyId)}/analytics/${path}`;
  }

  /** The period's indicators with the previous period of the same length. */
  summary(companyId: string, from: string, to: string): Observable<AnalyticsSummaryResponse> {
    return this.http.get<AnalyticsSummaryResponse>(this.url(companyId, 'summary'), {
      params: new HttpParams().set('from', from).set('to', to),
    });
  }

  timeseries(
    companyId: string,
    from: string,
    to: string,
    granularity: 'day' | 'week' | 'month',
  ): Observable<AnalyticsTimeseriesResponse> {
    return this.http.get<AnalyticsTimeseriesResponse>(this.url(companyId, 'timeseries'), {
      params: new HttpParams().set('from', from).set('to', to).set('granularity', granularity),
    });
  }

  /** Monthly revenue forecast from the current month on, with the back-test of its model. */
  forecast(companyId: string, horizon: number): Observable<RevenueForecastResponse> {
    return this.http.get<RevenueForecastResponse>(this.url(companyId, 'forecast'), {
      params: new HttpParams().set('granularity', 'month').set('horizon', horizon),
    });
  }
}
