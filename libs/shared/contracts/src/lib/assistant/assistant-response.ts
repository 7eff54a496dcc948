/** A record the answer used: a link target in the UI. */
export class AssistantRecordResponse {
  /** @example "client" */
  kind!: 'client' | 'sale' | 'product' | 'deal' | 'task';
  /** The client's, sale's, deal's or task's id; the product key (`sku:…`/`name:…`) for products. */
  id!: string;
  /** @example "Иван Петров" */
  label!: string;
}

/** One tool call of the run, in words. */
export class AssistantToolCallResponse {
  /** @example "sales_summary" */
  name!: string;
  /** The arguments the tool was called with (never a company or user: those come from the request). */
  args!: Record<string, unknown>;
  /** What it did, in the answer's language. @example "посмотрел сводку продаж за 01.01.2024–31.12.2024" */
  label!: string;
  /** `ok`, or `error` with a short reason the model was given. @example "ok" */
  outcome!: 'ok' | 'error';
}

export class AssistantChartPointResponse {
  /** @example "2024-01-01" */
  period!: string;
  /** @example "125000.00" */
  value!: string;
}

/** A series a tool returned, drawn inline under the answer. */
export class AssistantChartResponse {
  /** @example "Выручка по месяцам, RUB" */
  title!: string;
  /** @example "RUB" */
  currency!: string;
  points!: AssistantChartPointResponse[];
  /** Points that are a forecast, not history (forecast charts). */
  forecastFrom?: string | null;
}

/** One row of a table a tool returned; `link` is the record the row is about (a deal), if any. */
export class AssistantTableRowResponse {
  /** The cells, formatted for the answer's language (money, numbers, dates). @example ["Новая","3","150 000,00 ₽"] */
  cells!: string[];
  link?: AssistantRecordResponse | null;
}

/** A table a tool returned (pipeline by stage, by close month, stuck deals), drawn under the answer. */
export class AssistantTableResponse {
  /** @example "Воронка по этапам, RUB" */
  title!: string;
  /** Column headings in the answer's language. @example ["Этап","Сделок","Сумма","Взвешенная"] */
  columns!: string[];
  /** Which columns hold numbers (aligned right). */
  numeric!: boolean[];
  rows!: AssistantTableRowResponse[];
  /** A last, emphasised row (totals); null when none. */
  footer?: string[] | null;
}

/** A write the assistant proposes; nothing is written until the user confirms it. */
export class AssistantActionResponse {
  id!: string;
  /** @example "add_note" */
  kind!: 'add_note' | 'add_interaction' | 'create_report' | 'create_task';
  /** The client written to; null for `create_report` (and a `create_task` on no client). */
  clientId!: string | null;
  /** @example "Иван Петров" */
  clientName!: string | null;
  /**
   * What will be written: `{text}` for a note, `{type, summary, occurredAt}` for an interaction,
   * `{type, from, to, title}` for a report (`type` one of the report types), `{title, type, dueAt,
   * timeZone, dealId, dealTitle}` for a task (`type` one of the task types; `dueAt` ISO 8601; `timeZone`
   * the company's, in which the answer names the due time).
   */
  payload!: Record<string, unknown>;
  /** @example "proposed" */
  status!: 'proposed' | 'confirmed' | 'cancelled';
  /** The note, interaction, report or task created on confirmation (a report: `GET reports/:id`). */
  resultId?: string | null;
}

/** Tokens a model used; zeros offline. */
export class AssistantUsageResponse {
  inputTokens!: number;
  outputTokens!: number;
}

/** `POST assistant/chat`. */
export class AssistantChatResponse {
  conversationId!: string;
  messageId!: string;
  /** The answer in Markdown-free plain text with locale-formatted numbers. */
  answer!: string;
  toolCalls!: AssistantToolCallResponse[];
  /** `offline` (the built-in planner) or the model's name. @example "offline" */
  mode!: string;
  records!: AssistantRecordResponse[];
  charts!: AssistantChartResponse[];
  /** Tables the tools returned (deals analytics). */
  tables!: AssistantTableResponse[];
  actions!: AssistantActionResponse[];
  usage!: AssistantUsageResponse;
}

export class AssistantMessageResponse {
  id!: string;
  /** @example "assistant" */
  role!: 'user' | 'assistant';
  content!: string;
  mode!: string | null;
  toolCalls!: AssistantToolCallResponse[];
  records!: AssistantRecordResponse[];
  charts!: AssistantChartResponse[];
  tables!: AssistantTableResponse[];
  actions!: AssistantActionResponse[];
  createdAt!: string;
}

export class AssistantConversationResponse {
  id!: string;
  /** @example "Выручка за 2024 год" */
  title!: string;
  createdAt!: string;
  updatedAt!: string;
  /** Tokens the conversation used with a model (input + output). */
  inputTokens!: number;
  outputTokens!: number;
}

export class AssistantConversationDetailResponse extends AssistantConversationResponse {
  messages!: AssistantMessageResponse[];
}

export class AssistantConversationListResponse {
  items!: AssistantConversationResponse[];
}

/** `GET assistant/status`: which engine answers and what to ask. */
export class AssistantStatusResponse {
  /** @example "offline" */
  mode!: string;
  /** Suggested questions in the requested language. */
  suggestions!: string[];
}

/**
 * Events of `POST assistant/chat/stream` (`text/event-stream`, one JSON object per `data:` line,
 * the event name in `event:`): `start` {conversationId, mode}, `tool` {name, args, label},
 * `tool_result` {name, outcome, records}, `text` {delta}, `chart` (an AssistantChartResponse),
 * `table` (an AssistantTableResponse), `action` (an AssistantActionResponse), `done` (the AssistantChatResponse), `error` {message}.
 */
export type AssistantStreamEventName =
  'start' | 'tool' | 'tool_result' | 'text' | 'chart' | 'table' | 'action' | 'done' | 'error';

/** One item of `clients/:clientId/recommendations`. */
export class ClientRecommendationResponse {
  /** @example "Предложить: Фонарь металлический белый" */
  title!: string;
  /** Why, with the numbers. @example "42% покупателей «Подсвечник» покупают и его (лифт 3,1)" */
  reason!: string;
  /** What to do. @example "offer_product" */
  action!: 'offer_product' | 'win_back' | 'retain' | 'thank' | 'first_purchase' | 'follow_up';
  /** The figures the reason states. */
  numbers!: Record<string, number | string | null>;
  /** A product key for `offer_product`. */
  product?: string | null;
}

/** `GET clients/:clientId/recommendations`. */
export class ClientRecommendationsResponse {
  clientId!: string;
  /** @example "ru" */
  locale!: string;
  items!: ClientRecommendationResponse[];
}

/** One of the assistant's recommendations for today (start screen): a client and what to do. */
export class AssistantRecommendationResponse extends ClientRecommendationResponse {
  /** The client the recommendation is about. */
  clientId!: string;
  /** @example "Анна Смирнова" */
  clientName!: string | null;
}

/** `GET assistant/recommendations`: the top recommendations for today, most valuable first. */
export class AssistantRecommendationsResponse {
  /** The day the customer models see the data from. @example "2026-12-01" */
  asOf!: string | null;
  /** @example "ru" */
  locale!: string;
  items!: AssistantRecommendationResponse[];
}
