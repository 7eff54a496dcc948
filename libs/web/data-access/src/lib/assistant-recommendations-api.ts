import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AssistantRecommendationsResponse } from '@crm/shared/contracts';
import type { Observable } from 'rxjs';

/** `GET /api/companies/:companyId/assistant/recommendations`: the assistant's top three for today. */
@Injectable({ providedIn: 'root' })
export class AssistantRecommendationsApi {
  private readonly http = inject(HttpClient);

  today(companyId: string, locale: string): Observable<AssistantRecommendationsResponse> {
    return this.http.get<AssistantRecommendationsResponse>(
      `/api/companies/${encodeURIComponent(companyId)}/assistant/recommendations`,
      { params: { locale } },
    );
  }
}
