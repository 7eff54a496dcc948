import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type {
  AssistantActionResponse,
  AssistantChartResponse,
  AssistantChatResponse,
  AssistantRecordResponse,
  AssistantTableResponse,
} from '@crm/shared/contracts';
import { CompanyContext } from '@crm/web/core';
import { formatDateTime, I18n, TranslatePipe } from '@crm/web/i18n';
import { firstValueFrom } from 'rxjs';
import { AssistantApi } from './assistant-api';
import { AssistantChart } from './assistant-chart';

/** The server's limit (`ASSISTANT_MESSAGE_MAX_LENGTH` in the contracts; a value import would pull the validators in). */
const MESSAGE_MAX_LENGTH = 2000;

export interface Turn {
  role: 'user' | 'assistant';
  text: string;
  steps: { label: string; outcome?: 'ok' | 'error' }[];
  records: AssistantRecordResponse[];
  charts: AssistantChartResponse[];
  tables: AssistantTableResponse[];
  actions: AssistantActionResponse[];
  mode?: string | null;
  pending: boolean;
  error?: string;
}

/** The conversation: streamed answers, tool steps in words, cited records, inline charts and tables, proposals. */
@Component({
  selector: 'crm-assistant-chat',
  imports: [
    AssistantChart,
    FormsModule,
    MatButtonModule,
    MatChipsModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './assistant-chat.html',
  styleUrl: './assistant-chat.scss',
})
export class AssistantChat {
  private readonly api = inject(AssistantApi);
  private readonly context = inject(CompanyContext);
  private readonly i18n = inject(I18n);

  /** Open this conversation (history); null = a new one. */
  readonly conversationId = input<string | null>(null);
  readonly compact = input(false);
  /** A new conversation was created or an answer stored: the history should reload. */
  readonly changed = output<string>();

  protected readonly maxLength = MESSAGE_MAX_LENGTH;
  protected readonly turns = signal<Turn[]>([]);
  protected readonly draft = signal('');
  protected readonly busy = signal(false);
  private readonly current = signal<string | null>(null);
  private controller: AbortController | null = null;
  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');

  protected readonly status = rxResource({
    params: () => {
      const companyId = this.context.activeId();
      return companyId ? { companyId, locale: this.i18n.language() } : undefined;
    },
    stream: ({ params }) => this.api.status(params.companyId, params.locale),
  });
  protected readonly modeLabel = computed(() => {
    const mode = this.status.value()?.mode;
    if (!mode) return '';
    return mode === 'offline'
      ? this.i18n.t('assistant.modeOffline')
      : this.i18n.t('assistant.modeModel', { model: mode });
  });

  constructor() {
    effect(() => {
      const id = this.conversationId();
      void this.open(id);
    });
    effect(() => {
      this.turns();
      queueMicrotask(() => {
        const el = this.scroller()?.nativeElement;
        if (el) el.scrollTop = el.scrollHeight;
      });
    });
  }

  private async open(id: string | null): Promise<void> {
    // The conversation this chat is already showing (a new one the page just selected on `start`):
    // keep it, and keep its answer streaming.
    if (id && id === this.current()) return;
    this.stop();
    this.current.set(id);
    const companyId = this.context.activeId();
    if (!id || !companyId) {
      this.turns.set([]);
      return;
    }
    const conv = await firstValueFrom(this.api.conversation(companyId, id));
    this.turns.set(
      conv.messages.map((m) => ({
        role: m.role,
        text: m.content,
        steps: m.toolCalls.map((c) => ({ label: c.label, outcome: c.outcome })),
        records: m.records,
        charts: m.charts,
        tables: m.tables ?? [],
        actions: m.actions,
        mode: m.mode,
        pending: false,
      })),
    );
  }

  protected ask(text?: string): void {
    const message = (text ?? this.draft()).trim();
    const companyId = this.context.activeId();
    if (!message || !companyId || this.busy() || message.length > this.maxLength) return;
    this.draft.set('');
    this.busy.set(true);
    const answer: Turn = {
      role: 'assistant',
      text: '',
      steps: [],
      records: [],
      charts: [],
      tables: [],
      actions: [],
      pending: true,
    };
    this.turns.update((t) => [
      ...t,
      { role: 'user', text: message, steps: [], records: [], charts: [], tables: [], actions: [], pending: false },
      answer,
    ]);
    const update = (change: (t: Turn) => Turn) =>
      this.turns.update((all) => {
        const copy = [...all];
        copy[copy.length - 1] = change(copy[copy.length - 1]);
        return copy;
      });
    this.controller = new AbortController();
    const body = {
      message,
      locale: this.i18n.language(),
      ...(this.current() ? { conversationId: this.current()! } : {}),
    };
    this.api
      .stream(companyId, body, this.controller.signal, (e) => {
        switch (e.event) {
          case 'start':
            if (!this.current()) {
              this.current.set(e.data.conversationId);
              this.changed.emit(e.data.conversationId);
            }
            update((t) => ({ ...t, mode: e.data.mode }));
            break;
          case 'tool':
            update((t) => ({ ...t, steps: [...t.steps, { label: e.data.label }] }));
            break;
          case 'tool_result':
            update((t) => {
              const steps = [...t.steps];
              const i = steps.findIndex((s) => !s.outcome);
              if (i >= 0) steps[i] = { ...steps[i], outcome: e.data.outcome };
              return { ...t, steps };
            });
            break;
          case 'text':
            update((t) => ({ ...t, text: t.text + e.data.delta }));
            break;
          case 'chart':
            update((t) => ({ ...t, charts: [...t.charts, e.data] }));
            break;
          case 'table':
            update((t) => ({ ...t, tables: [...t.tables, e.data] }));
            break;
          case 'action':
            update((t) => ({ ...t, actions: [...t.actions, e.data] }));
            break;
          case 'done': {
            const r = e.data as AssistantChatResponse;
            update((t) => ({
              ...t,
              text: r.answer,
              records: r.records,
              charts: r.charts,
              tables: r.tables ?? [],
              actions: r.actions,
              mode: r.mode,
              pending: false,
            }));
            this.changed.emit(r.conversationId);
            break;
          }
          case 'error':
            update((t) => ({ ...t, pending: false, error: e.data.message }));
            break;
        }
      })
      .catch((error: unknown) => {
        if ((error as Error).name === 'AbortError') return update((t) => ({ ...t, pending: false }));
        const code = (error as { code?: string }).code;
        const key = code ? `errorCodes.${code}` : '';
        update((t) => ({
          ...t,
          pending: false,
          error: key && this.i18n.has(key) ? this.i18n.t(key) : this.i18n.t('assistant.error'),
        }));
      })
      .finally(() => {
        this.busy.set(false);
        this.controller = null;
      });
  }

  protected stop(): void {
    this.controller?.abort();
  }

  protected onKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      this.ask();
    }
  }

  protected async decide(turn: Turn, action: AssistantActionResponse, decision: 'confirm' | 'cancel'): Promise<void> {
    const companyId = this.context.activeId();
    if (!companyId) return;
    const updated = await firstValueFrom(this.api.decide(companyId, action.id, decision));
    this.turns.update((all) =>
      all.map((t) => (t === turn ? { ...t, actions: t.actions.map((a) => (a.id === action.id ? updated : a)) } : t)),
    );
  }

  protected proposalTitle(action: AssistantActionResponse): string {
    const key =
      action.kind === 'create_report'
        ? 'assistant.proposal.create_report'
        : action.kind === 'create_task'
          ? action.clientName
            ? 'assistant.proposal.create_task_for'
            : 'assistant.proposal.create_task'
          : action.kind === 'add_note'
            ? 'assistant.proposal.add_note'
            : 'assistant.proposal.add_interaction';
    return this.i18n.t(key, { client: action.clientName ?? '' });
  }

  protected proposalBody(action: AssistantActionResponse): string {
    const p = action.payload as Record<string, string | undefined>;
    return p['title'] ?? p['text'] ?? p['summary'] ?? '';
  }

  /** A proposed task's kind, due time (in the company's time zone, as the answer says it) and deal. */
  protected taskFacts(action: AssistantActionResponse): { label: string; value: string }[] {
    if (action.kind !== 'create_task') return [];
    const p = action.payload as Record<string, string | null | undefined>;
    const type = p['type'] ?? 'todo';
    const typeKey = `assistant.task.types.${type}`;
    const facts = [
      {
        label: this.i18n.t('assistant.task.type'),
        value: this.i18n.has(typeKey) ? this.i18n.t(typeKey) : type,
      },
      {
        label: this.i18n.t('assistant.task.due'),
        value: p['dueAt'] ? formatDateTime(p['dueAt'], this.i18n.language(), p['timeZone'] ?? undefined) : '–',
      },
    ];
    if (p['dealTitle']) facts.push({ label: this.i18n.t('assistant.task.deal'), value: p['dealTitle'] });
    return facts;
  }

  /** Where a confirmed task is seen: its deal, else the tasks list. */
  protected taskLink(action: AssistantActionResponse): string | null {
    if (action.kind !== 'create_task' || action.status !== 'confirmed') return null;
    const dealId = (action.payload as Record<string, string | null | undefined>)['dealId'];
    return dealId ? `/deals/${dealId}` : '/tasks';
  }

  /** The report a confirmed `create_report` built. */
  protected reportLink(action: AssistantActionResponse): string | null {
    return action.kind === 'create_report' && action.status === 'confirmed' && action.resultId
      ? `/reports/${action.resultId}`
      : null;
  }

  protected statusLabel(action: AssistantActionResponse): string {
    return this.i18n.t(action.status === 'confirmed' ? 'assistant.proposal.confirmed' : 'assistant.proposal.cancelled');
  }

  protected link(record: AssistantRecordResponse): string | null {
    if (record.kind === 'client') return `/clients/${record.id}`;
    if (record.kind === 'sale') return `/sales/${record.id}`;
    if (record.kind === 'deal') return `/deals/${record.id}`;
    if (record.kind === 'task') return '/tasks';
    return null;
  }
}
