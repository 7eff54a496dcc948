import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  DealFunnelResponse,
  DealOwnersResponse,
  DealPipelineValueResponse,
  StuckDealsResponse,
} from '@crm/shared/contracts';
import type { Observable } from 'rxjs';
import { toHttpParams } from './http-params';

/** The period of the funnel cohort: local days, both inclusive; absent means the server's default (last 30 days). */
export interface DealFunnelQuery {
  pipelineId?: string | null;
  from?: string | null;
  to?: string | null;
  currency?: string | null;
}

/** `/api/companies/:companyId/analytics/{funnel,pipeline,stuck,owners}`: funnel analytics of deals. */
@Injectable({ providedIn: 'root' })
export class DealsAnalyticsApi {
  private readonly http = inject(HttpClient);

  private url(companyId: string, path: string): string {
    return `/api/companies/${encodeURIComponent(companyId)}/analytics/${path}`;
  }

  /** Where the deals that entered the pipeline in the period went, stage by stage. */
  funnel(companyId: string, query: DealFunnelQuery): Observable<DealFunnelResponse> {
    return this.http.get<DealFunnelResponse>(this.url(companyId, 'funnel'), { params: toHttpParams({ ...query }) });
  }

  /** The open deals' value and weighted value by stage and by expected close month, at today's rates. */
  pipeline(
    companyId: string,
    query: { pipelineId?: string | null; currency?: string | null },
  ): Observable<DealPipelineValueResponse> {
    return this.http.get<DealPipelineValueResponse>(this.url(companyId, 'pipeline'), {
      params: toHttpParams({ ...query }),
    });
  }

  /** Open deals in their stage longer than the stage's median stay, most overdue first. */
  stuck(companyId: string, pipelineId?: string | null): Observable<StuckDealsResponse> {
    return this.http.get<StuckDealsResponse>(this.url(companyId, 'stuck'), { params: toHttpParams({ pipelineId }) });
  }

  /** The funnel cohort and the open pipeline per owner. */
  owners(companyId: string, query: DealFunnelQuery): Observable<DealOwnersResponse> {
    return this.http.get<DealOwnersResponse>(this.url(companyId, 'owners'), { params: toHttpParams({ ...query }) });
  }
}
