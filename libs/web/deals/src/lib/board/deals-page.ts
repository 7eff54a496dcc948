import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { Router, RouterLink } from '@angular/router';
import type { DealResponse } from '@crm/shared/contracts';
import { CompanyContext, companyMembers, UrlListState } from '@crm/web/core';
import { DealFormDialog, type DealFormDialogData } from '@crm/web/deal-form';
import { CompaniesApi } from '@crm/web/data-access';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { EmptyState, ErrorState, ListSkeleton, openFormDialog, PageHeader } from '@crm/web/ui';
import { DealList } from '../list/deal-list';
import { pipelineChoice } from '../pipeline-choice';
import { PipelineSelect } from '../pipeline-select';
import { DealBoard } from './deal-board';
import { DEALS_VIEW_QUERY, type DealsViewState, effectiveOwner } from './deals-view-state';

/** Deals: the kanban board of a pipeline or the same deals as a list, filtered by owner; all in the URL. */
@Component({
  selector: 'crm-deals-page',
  imports: [
    DealBoard,
    DealList,
    EmptyState,
    ErrorState,
    ListSkeleton,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatSelectModule,
    MatSlideToggleModule,
    PageHeader,
    PipelineSelect,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-page-header [title]="'deals.title' | t" [subtitle]="'deals.subtitle' | t">
      <a pageActions matButton="outlined" routerLink="/deals/funnel" data-testid="open-funnel">
        <mat-icon svgIcon="insights" />{{ 'deals.analytics.open' | t }}
      </a>
      <button pageActions matButton="filled" type="button" data-testid="add-deal" (click)="create()">
        <mat-icon svgIcon="add" />{{ 'deals.add' | t }}
      </button>
    </crm-page-header>

    @if (pipelines.isLoading() && !pipelineList().length) {
      <crm-list-skeleton [rows]="4" />
    } @else if (pipelinesError(); as message) {
      <crm-error-state [message]="message" (retry)="pipelines.reload()" />
    } @else if (pipeline(); as current) {
      <div class="toolbar" role="search">
        <crm-pipeline-select
          class="pipeline"
          testId="pipeline-select"
          [pipelines]="pipelineList()"
          [current]="current"
          (picked)="navigate({ pipelineId: $event, page: 1 })"
        />
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="owner">
          <mat-label>{{ 'deals.owner' | t }}</mat-label>
          <mat-select
            [value]="state().mine ? myId() : state().ownerId"
            [disabled]="state().mine"
            data-testid="owner-filter"
            (valueChange)="navigate({ ownerId: $event, page: 1 })"
          >
            <mat-option value="">{{ 'deals.anyOwner' | t }}</mat-option>
            @for (member of memberList(); track member.userId) {
              <mat-option [value]="member.userId">{{ member.login }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-slide-toggle
          [checked]="state().mine"
          data-testid="my-deals"
          (change)="navigate({ mine: $event.checked, page: 1 })"
          >{{ 'deals.myDeals' | t }}</mat-slide-toggle
        >
        <span class="spacer"></span>
        <mat-button-toggle-group
          [value]="state().view"
          [attr.aria-label]="'deals.view' | t"
          hideSingleSelectionIndicator
          (change)="navigate({ view: $event.value, page: 1 })"
        >
          <mat-button-toggle value="board" data-testid="view-board">
            <mat-icon svgIcon="view-week" aria-hidden="true" />{{ 'deals.board' | t }}
          </mat-button-toggle>
          <mat-button-toggle value="list" data-testid="view-list">
            <mat-icon svgIcon="view-list" aria-hidden="true" />{{ 'deals.list' | t }}
          </mat-button-toggle>
        </mat-button-toggle-group>
      </div>

      @if (state().view === 'board') {
        <crm-deal-board
          [companyId]="companyId()"
          [pipeline]="current"
          [ownerId]="ownerId()"
          (changed)="pipelines.reload()"
        />
      } @else {
        <crm-deal-list [companyId]="companyId()" [pipelineId]="current.id" [ownerId]="ownerId()" [list]="view" />
      }
    } @else {
      <crm-empty-state icon="view-week" [title]="'deals.noPipelines' | t" [text]="'deals.emptyText' | t" />
    }
  `,
  styles: `
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px 16px;
      margin-bottom: 16px;
    }
    .pipeline,
    .owner {
      width: 220px;
      max-width: 100%;
    }
    .spacer {
      flex: 1;
    }
    mat-button-toggle mat-icon {
      margin-right: 6px;
      vertical-align: middle;
    }
    @media (max-width: 600px) {
      .pipeline,
      .owner {
        width: 100%;
      }
      .spacer {
        display: none;
      }
    }
  `,
})
export class DealsPage {
  private readonly router = inject(Router);
  private readonly context = inject(CompanyContext);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18n);
  private readonly companies = inject(CompaniesApi);

  protected readonly view = new UrlListState(DEALS_VIEW_QUERY);
  protected readonly state = this.view.value;
  protected readonly companyId = computed(() => this.context.activeId() ?? '');
  protected readonly myId = computed(() => this.context.me()?.id ?? '');
  protected readonly ownerId = computed(() => effectiveOwner(this.state(), this.myId()));

  private readonly choice = pipelineChoice(() => this.state().pipelineId);
  protected readonly pipelines = this.choice.resource;
  protected readonly pipelineList = this.choice.list;
  protected readonly pipelinesError = this.choice.error;
  protected readonly pipeline = this.choice.current;
  protected readonly memberList = companyMembers();
  private readonly company = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params }) => this.companies.get(params),
  });

  protected navigate(change: Partial<DealsViewState>): void {
    this.view.go({ ...this.state(), ...change });
  }

  protected create(): void {
    const companyId = this.companyId();
    const pipeline = this.pipeline();
    if (!companyId) return;
    openFormDialog<DealFormDialog, DealFormDialogData, DealResponse>(
      this.dialog,
      DealFormDialog,
      {
        companyId,
        clientId: null,
        deal: null,
        currency: this.company.hasValue() ? this.company.value().baseCurrency : undefined,
        pipelineId: pipeline?.id ?? null,
        stageId: pipeline?.stages[0]?.id ?? null,
      },
      '640px',
    ).subscribe((created) => void this.router.navigate(['/deals', created.id]));
  }
}
