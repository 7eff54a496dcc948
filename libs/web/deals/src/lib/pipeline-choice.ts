import { computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { PipelineResponse } from '@crm/shared/contracts';
import { CompanyContext, describeError } from '@crm/web/core';
import { PipelinesApi } from '@crm/web/data-access';
import { I18n } from '@crm/web/i18n';

/**
 * The active company's pipelines and the one a page shows: the one `selectedId` names, else the
 * first. The deals board and the funnel page pick their pipeline this way. Call it in an
 * injection context (a page's field).
 */
export function pipelineChoice(selectedId: () => string | null | undefined) {
  const context = inject(CompanyContext);
  const api = inject(PipelinesApi);
  const i18n = inject(I18n);
  const resource = rxResource({
    params: () => context.activeId() ?? undefined,
    stream: ({ params }) => api.list(params),
  });
  const list = computed(() => (resource.hasValue() ? resource.value() : []));
  return {
    resource,
    list,
    /** Why the pipelines could not be loaded, in the interface language. */
    error: computed(() => (resource.error() ? describeError(resource.error(), i18n) : null)),
    current: computed((): PipelineResponse | null => {
      const pipelines = list();
      return pipelines.find((p) => p.id === selectedId()) ?? pipelines[0] ?? null;
    }),
  };
}
