import type { FieldError, StageInputDto } from '@crm/shared/contracts';

/** `ids` with `id` moved to `position` (clamped to the list); the others keep their order. */
export function moved(ids: readonly string[], id: string, position: number): string[] {
  const rest = ids.filter((x) => x !== id);
  rest.splice(Math.min(position, rest.length), 0, id);
  return rest;
}

/**
 * Where a new stage goes without a position: after the last open stage, so before the won and lost
 * stages that usually close the pipeline.
 */
export function afterLastOpen(kinds: readonly string[]): number {
  return kinds.reduce((at, kind, index) => (kind === 'open' ? index + 1 : at), 0);
}

/**
 * What is wrong with a pipeline's stages as a whole: it needs an open stage, at most one won and one
 * lost stage, and names that differ (case-insensitively). Empty when they make a pipeline.
 */
export function stageSetErrors(stages: readonly Pick<StageInputDto, 'name' | 'kind'>[]): FieldError[] {
  const errors: FieldError[] = [];
  const kinds = stages.map((s) => s.kind ?? 'open');
  if (!kinds.includes('open')) errors.push({ field: 'stages', messages: ['stages must include an open stage'] });
  for (const kind of ['won', 'lost'] as const) {
    if (kinds.filter((k) => k === kind).length > 1)
      errors.push({ field: 'stages', messages: [`stages may include one ${kind} stage at most`] });
  }
  const names = stages.map((s) => s.name.toLowerCase());
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index)
      errors.push({ field: `stages.${index}.name`, messages: ['stage names must differ within a pipeline'] });
  });
  return errors;
}
