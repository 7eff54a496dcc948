import { HttpClient, type HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ExportFormat,
  ExportLocale,
  ImportJobResponse,
  ImportKind,
  ImportPreviewResponse,
  ImportSettingsDto,
} from '@crm/shared/contracts';
import type { Observable } from 'rxjs';
import { type ApiParams, toHttpParams } from './http-params';

/** `/api/companies/:companyId/imports` (CSV upload, preview, run, progress, rejected rows). */
@Injectable({ providedIn: 'root' })
export class ImportsApi {
  private readonly http = inject(HttpClient);

  private url(companyId: string, importId?: string): string {
    const base = `/api/companies/${encodeURIComponent(companyId)}/imports`;
    return importId ? `${base}/${encodeURIComponent(importId)}` : base;
  }

  list(companyId: string): Observable<ImportJobResponse[]> {
    return this.http.get<ImportJobResponse[]>(this.url(companyId));
  }

  get(companyId: string, importId: string): Observable<ImportJobResponse> {
    return this.http.get<ImportJobResponse>(this.url(companyId, importId));
  }

  upload(companyId: string, kind: ImportKind, file: File): Observable<ImportJobResponse> {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file.name);
    return this.http.post<ImportJobResponse>(this.url(companyId), form);
  }

  preview(companyId: string, importId: string, settings: ImportSettingsDto): Observable<ImportPreviewResponse> {
    return this.http.post<ImportPreviewResponse>(`${this.url(companyId, importId)}/preview`, {
      ...settings,
      rows: 20,
    });
  }

  run(companyId: string, importId: string, settings: ImportSettingsDto): Observable<ImportJobResponse> {
    return this.http.post<ImportJobResponse>(`${this.url(companyId, importId)}/run`, settings);
  }

  cancel(companyId: string, importId: string): Observable<ImportJobResponse> {
    return this.http.post<ImportJobResponse>(`${this.url(companyId, importId)}/cancel`, {});
  }

  /** The rejected-rows report, its added columns named in `lang`. */
  rejected(companyId: string, importId: string, lang: 'ru' | 'en'): Observable<HttpResponse<Blob>> {
    return this.http.get(`${this.url(companyId, importId)}/rejected`, {
      params: { lang },
      observe: 'response',
      responseType: 'blob',
    });
  }
}

/** `/api/companies/:companyId/exports/{clients|sales}`: the current filtered list as a file. */
@Injectable({ providedIn: 'root' })
export class ExportsApi {
  private readonly http = inject(HttpClient);

  download(
    companyId: string,
    list: 'clients' | 'sales',
    format: ExportFormat,
    locale: ExportLocale,
    filters: ApiParams,
  ): Observable<HttpResponse<Blob>> {
    const params = toHttpParams(filters, ['page', 'pageSize']).set('format', format).set('locale', locale);
    return this.http.get(`/api/companies/${encodeURIComponent(companyId)}/exports/${list}`, {
      params,
      observe: 'response',
      responseType: 'blob',
    });
  }
}
