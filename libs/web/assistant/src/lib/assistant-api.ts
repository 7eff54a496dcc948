import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { SessionStore } from '@crm/web/core';
import type {
  AssistantActionResponse,
  AssistantChatDto,
  AssistantConversationDetailResponse,
  AssistantConversationListResponse,
  AssistantConversationResponse,
  AssistantStatusResponse,
} from '@crm/shared/contracts';
import { firstValueFrom, type Observable } from 'rxjs';

export interface StreamEvent {
  event: 'start' | 'tool' | 'tool_result' | 'text' | 'chart' | 'table' | 'action' | 'done' | 'error';
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** `/api/companies/:companyId/assistant`: status, conversations, actions, and the SSE chat stream. */
@Injectable({ providedIn: 'root' })
export class AssistantApi {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);

  private url(companyId: string, path: string): string {
    return `/api/companies/${encodeURIComponent(companyId)}/assistant/${path}`;
  }

  status(companyId: string, locale: string): Observable<AssistantStatusResponse> {
    return this.http.get<AssistantStatusResponse>(this.url(companyId, 'status'), { params: { locale } });
  }

  conversations(companyId: string): Observable<AssistantConversationListResponse> {
    return this.http.get<AssistantConversationListResponse>(this.url(companyId, 'conversations'));
  }

  conversation(companyId: string, id: string): Observable<AssistantConversationDetailResponse> {
    return this.http.get<AssistantConversationDetailResponse>(
      this.url(companyId, `conversations/${encodeURIComponent(id)}`),
    );
  }

  rename(companyId: string, id: string, title: string): Observable<AssistantConversationResponse> {
    return this.http.patch<AssistantConversationResponse>(
      this.url(companyId, `conversations/${encodeURIComponent(id)}`),
      { title },
    );
  }

  remove(companyId: string, id: string): Observable<void> {
    return this.http.delete<void>(this.url(companyId, `conversations/${encodeURIComponent(id)}`));
  }

  decide(companyId: string, actionId: string, decision: 'confirm' | 'cancel'): Observable<AssistantActionResponse> {
    return this.http.post<AssistantActionResponse>(
      this.url(companyId, `actions/${encodeURIComponent(actionId)}/${decision}`),
      {},
    );
  }

  /**
   * Asks a question and calls `onEvent` for every Server-Sent Event. The status call first goes
   * through HttpClient, whose interceptor refreshes an expired access token; the stream then uses it.
   */
  async stream(
    companyId: string,
    body: AssistantChatDto,
    signal: AbortSignal,
    onEvent: (e: StreamEvent) => void,
  ): Promise<void> {
    await firstValueFrom(this.status(companyId, body.locale ?? 'ru'));
    const token = this.session.session()?.accessToken;
    const res = await fetch(this.url(companyId, 'chat/stream'), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'text/event-stream',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
      signal,
    });
    if (!res.ok || !res.body) {
      const error = (await res.json().catch(() => null)) as { message?: string; code?: string } | null;
      throw Object.assign(new Error(error?.message ?? `HTTP ${res.status}`), { status: res.status, code: error?.code });
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] as StreamEvent['event'] | undefined;
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n');
        if (event && data) onEvent({ event, data: JSON.parse(data) });
      }
    }
  }
}
