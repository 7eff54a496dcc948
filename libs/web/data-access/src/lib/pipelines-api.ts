import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { PipelineResponse } from '@crm/shared/contracts';
import type { Observable } from 'rxjs';

/** `/api/companies/:companyId/pipelines`: the company's pipelines with their ordered stages. */
@Injectable({ providedIn: 'root' })
export class PipelinesApi {
  private readonly http = inject(HttpClient);

  list(companyId: string): Observable<PipelineResponse[]> {
    return this.http.get<PipelineResponse[]>(`/api/companies/${encodeURIComponent(companyId)}/pipelines`);
  }
}
