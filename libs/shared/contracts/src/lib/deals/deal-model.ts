/** What a stage means: deals in a `won` or `lost` stage are closed with that outcome. */
export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** A deal's status is the kind of the stage it is in. */
export const DEAL_STATUSES = STAGE_KINDS;
export type DealStatus = StageKind;

export const PIPELINE_NAME_MAX_LENGTH = 100;
export const STAGE_NAME_MAX_LENGTH = 100;
/** Most stages a pipeline may have. */
export const PIPELINE_STAGES_MAX = 30;
export const DEAL_TITLE_MAX_LENGTH = 300;
export const DEAL_SOURCE_MAX_LENGTH = 100;
export const DEAL_LOST_REASON_MAX_LENGTH = 1000;
export const NEXT_STEP_TITLE_MAX_LENGTH = 500;
export const TASK_TITLE_MAX_LENGTH = 500;

/** The pipeline every new company starts with (and existing ones got when deals arrived). */
export const DEFAULT_PIPELINE_NAME = 'Воронка продаж';
export const DEFAULT_PIPELINE_STAGES: readonly { name: string; probability: number; kind: StageKind }[] = [
  { name: 'Новая', probability: 10, kind: 'open' },
  { name: 'Квалификация', probability: 20, kind: 'open' },
  { name: 'Предложение', probability: 50, kind: 'open' },
  { name: 'Переговоры', probability: 80, kind: 'open' },
  { name: 'Выиграна', probability: 100, kind: 'won' },
  { name: 'Проиграна', probability: 0, kind: 'lost' },
];
