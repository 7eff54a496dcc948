import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { PipelineResponse } from '@crm/shared/contracts';
import { CompanyContext } from '@crm/web/core';
import { openPipelineValue } from '@crm/web/deal-form';
import { PipelinesApi, TasksApi } from '@crm/web/data-access';
import { formatMoney, I18n, TranslatePipe } from '@crm/web/i18n';
import { catchError, forkJoin, map, of } from 'rxjs';
import { HomeTile } from './home-tile';

/** «My tasks for today» (and how many are overdue), live, and the value of the open deals in the pipelines. */
@Component({
  selector: 'crm-tasks-tile',
  imports: [HomeTile, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-home-tile
      [state]="tasks"
      icon="task-alt"
      link="/tasks"
      [title]="'deals.tile.title' | t"
      [linkLabel]="'deals.tile.open' | t"
    >
      @if (tasks.hasValue()) {
        @if (tasks.value().today > 0 || tasks.value().overdue > 0) {
          <p class="figure" data-testid="tasks-today">{{ 'deals.tile.today' | t: { count: tasks.value().today } }}</p>
          @if (tasks.value().overdue > 0) {
            <p class="line overdue" data-testid="tasks-overdue">
              {{ 'deals.tile.overdue' | t: { count: tasks.value().overdue } }}
            </p>
          }
        } @else {
          <p class="line" data-testid="tasks-today">{{ 'deals.tile.none' | t }}</p>
        }
      }
      @if (pipeline(); as value) {
        <p class="line" data-testid="pipeline-value">
          @if (value.count > 0) {
            {{ 'deals.tile.pipeline' | t: { value: value.text } }} ·
          }
          {{ 'deals.tile.pipelineCount' | t: { count: value.count } }}
        </p>
      }
    </crm-home-tile>
  `,
  styleUrl: './tile-content.scss',
  styles: `
    .overdue {
      color: var(--mat-sys-error);
    }
  `,
})
export class TasksTile {
  private readonly api = inject(TasksApi);
  private readonly pipelinesApi = inject(PipelinesApi);
  private readonly context = inject(CompanyContext);
  private readonly i18n = inject(I18n);

  protected readonly tasks = rxResource({
    params: () => {
      const companyId = this.context.activeId();
      const me = this.context.me()?.id;
      return companyId && me ? { companyId, me } : undefined;
    },
    stream: ({ params }) => {
      const count = (due: string) =>
        this.api
          .list(params.companyId, { assigneeId: params.me, due, done: false, page: 1, pageSize: 1 })
          .pipe(map((page) => page.total));
      return forkJoin({ today: count('today'), overdue: count('overdue') });
    },
  });
  /** Hidden when the pipelines cannot be read: the tasks do not depend on them. */
  private readonly pipelines = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params }) => this.pipelinesApi.list(params).pipe(catchError(() => of([] as PipelineResponse[]))),
  });
  protected readonly pipeline = computed(() => {
    const pipelines = this.pipelines.hasValue() ? this.pipelines.value() : [];
    if (pipelines.length === 0) return null;
    const { count, sums } = openPipelineValue(pipelines);
    const lang = this.i18n.language();
    const text = sums.map((sum) => formatMoney(sum.amount, sum.currency, lang)).join(' + ') || '–';
    return { count, text };
  });
}
