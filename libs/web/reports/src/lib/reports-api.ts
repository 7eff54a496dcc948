import { HttpClient, HttpParams, type HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ClientPageResponse, RfmSegmentsResponse } from '@crm/shared/contracts';
import type { Observable } from 'rxjs';
import type {
  CreateReportDto,
  PutReportScheduleDto,
  ReportFormat,
  ReportListResponse,
  ReportListScope,
  ReportResponse,
  ReportRunsResponse,
  ReportType,
  ShareReportDto,
} from './report-model';

export interface ReportListQuery {
  scope?: ReportListScope;
  type?: ReportType | '';
  q?: string;
  page?: number;
  pageSize?: number;
  sort?: string;
}

function params(values: Record<string, string | number | undefined | null>): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') result = result.set(key, String(value));
  }
  return result;
}

/**
 * `/api/companies/:companyId/reports`. Kept inside the feature for now; a web data-access layer
 * may take it over later.
 */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);

  private url(companyId: string, reportId?: string, tail?: string): string {
    let url = `/api/companies/${encodeURIComponent(companyId)}/reports`;
    if (reportId) url += `/${encodeURIComponent(reportId)}`;
    return tail ? `${url}/${tail}` : url;
  }

  /** The reports the caller may see: their own and those shared with them or the company. */
  list(companyId: string, query: ReportListQuery = {}): Observable<ReportListResponse> {
    return this.http.get<ReportListResponse>(this.url(companyId), { params: params({ ...query }) });
  }

  /** The report with its latest snapshot, or the given one (a scheduled run). */
  get(companyId: string, reportId: string, snapshot?: string | null): Observable<ReportResponse> {
    return this.http.get<ReportResponse>(this.url(companyId, reportId), { params: params({ snapshot }) });
  }

  /** Starts the generation: the answer is `running`; poll `get` until `ready` or `failed`. */
  create(companyId: string, body: CreateReportDto): Observable<ReportResponse> {
    return this.http.post<ReportResponse>(this.url(companyId), body);
  }

  /** A new snapshot of the same parameters with fresh data. */
  regenerate(companyId: string, reportId: string): Observable<ReportResponse> {
    return this.http.post<ReportResponse>(this.url(companyId, reportId, 'regenerate'), {});
  }

  remove(companyId: string, reportId: string): Observable<void> {
    return this.http.delete<void>(this.url(companyId, reportId));
  }

  /** `{userIds}` replaces the members; `{company}` turns sharing with everyone on or off. */
  share(companyId: string, reportId: string, body: ShareReportDto): Observable<ReportResponse> {
    return this.http.post<ReportResponse>(this.url(companyId, reportId, 'share'), body);
  }

  schedule(companyId: string, reportId: string, body: PutReportScheduleDto): Observable<unknown> {
    return this.http.put(this.url(companyId, reportId, 'schedule'), body);
  }

  unschedule(companyId: string, reportId: string): Observable<void> {
    return this.http.delete<void>(this.url(companyId, reportId, 'schedule'));
  }

  /** The snapshots made by the schedule, newest first. */
  runs(companyId: string, reportId: string): Observable<ReportRunsResponse> {
    return this.http.get<ReportRunsResponse>(this.url(companyId, reportId, 'runs'));
  }

  /** Clients matching `q`, for the builder's client filter. */
  clients(companyId: string, q: string): Observable<ClientPageResponse> {
    const params = new HttpParams({ fromObject: { q, pageSize: 10, sort: 'name' } });
    return this.http.get<ClientPageResponse>(`/api/companies/${encodeURIComponent(companyId)}/clients`, { params });
  }

  /** The RFM segments with their client counts, for the builder's segment filter. */
  segments(companyId: string): Observable<RfmSegmentsResponse> {
    return this.http.get<RfmSegmentsResponse>(`/api/companies/${encodeURIComponent(companyId)}/analytics/segments`);
  }

  /** The file; 409 while the report is not ready. */
  export(
    companyId: string,
    reportId: string,
    format: ReportFormat,
    lang: 'ru' | 'en',
    snapshot?: string | null,
  ): Observable<HttpResponse<Blob>> {
    return this.http.get(this.url(companyId, reportId, 'export'), {
      params: params({ format, lang, snapshot }),
      observe: 'response',
      responseType: 'blob',
    });
  }
}
