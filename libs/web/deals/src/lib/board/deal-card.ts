import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { RouterLink } from '@angular/router';
import type { DealResponse, StageResponse } from '@crm/shared/contracts';
import { LocalDatePipe, LocalDateTimePipe, MoneyPipe, TranslatePipe } from '@crm/web/i18n';
import { isOverdue } from '../tasks/task-groups';

/**
 * A deal on the board: title (opens the deal), client, amount, owner and the next step's due date
 * (overdue in the error colour). Dragged by the whole card; the «move to stage» menu is the
 * keyboard way to do the same.
 */
@Component({
  selector: 'crm-deal-card',
  imports: [
    LocalDatePipe,
    LocalDateTimePipe,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MoneyPipe,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="top">
      <a class="title" [routerLink]="['/deals', deal().id]" data-testid="deal-card-title">{{ deal().title }}</a>
      <button
        matIconButton
        type="button"
        class="menu"
        data-testid="deal-move-menu"
        [matMenuTriggerFor]="stagesMenu"
        [attr.aria-label]="'deals.card.moveOf' | t: { name: deal().title }"
      >
        <mat-icon svgIcon="more-vert" />
      </button>
      <mat-menu #stagesMenu>
        <p class="menu-title" role="presentation">{{ 'deals.card.move' | t }}</p>
        @for (stage of stages(); track stage.id) {
          <button
            mat-menu-item
            type="button"
            [disabled]="stage.id === deal().stageId"
            [attr.data-testid]="'move-to-' + stage.position"
            (click)="move.emit(stage)"
          >
            {{ stage.name }}
            @if (stage.id === deal().stageId) {
              <span class="current">· {{ 'deals.card.current' | t }}</span>
            }
          </button>
        }
      </mat-menu>
    </div>
    <p class="client">{{ deal().clientName || ('deals.unknownClient' | t) }}</p>
    <p class="amount" data-testid="deal-card-amount">{{ deal().amount | money: deal().currency }}</p>
    <div class="meta">
      <span class="owner">
        <mat-icon svgIcon="person" aria-hidden="true" />{{ deal().ownerName || ('deals.unknownOwner' | t) }}
      </span>
      @if (deal().nextStep; as step) {
        <span
          class="due"
          [class.overdue]="overdue()"
          [attr.title]="step.title + ' · ' + (step.dueAt | localDateTime)"
          data-testid="deal-card-due"
        >
          <mat-icon svgIcon="event" aria-hidden="true" />
          @if (overdue()) {
            <span class="sr-only">{{ 'deals.overdue' | t }}:</span>
          }
          {{ step.dueAt | localDate }}
        </span>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
      padding: 10px 8px 10px 12px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-lowest);
      border: 1px solid var(--mat-sys-outline-variant);
      cursor: grab;
      font: var(--mat-sys-body-medium);
    }
    :host(:hover) {
      border-color: var(--mat-sys-outline);
    }
    .top {
      display: flex;
      align-items: flex-start;
      gap: 4px;
    }
    .title {
      flex: 1;
      min-width: 0;
      padding-top: 4px;
      color: var(--mat-sys-on-surface);
      font-weight: 500;
      text-decoration: none;
      overflow-wrap: anywhere;
    }
    .title:hover {
      text-decoration: underline;
    }
    .menu {
      margin: -6px -4px -6px 0;
      flex: none;
    }
    p {
      margin: 2px 0;
    }
    .client {
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    .amount {
      font-weight: 500;
      font-variant-numeric: tabular-nums;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      margin-top: 6px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .meta span {
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    .meta mat-icon {
      width: 16px;
      height: 16px;
    }
    .due.overdue {
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    .menu-title {
      margin: 0;
      padding: 8px 16px 4px;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .current {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class DealCard {
  readonly deal = input.required<DealResponse>();
  readonly stages = input.required<readonly StageResponse[]>();
  readonly move = output<StageResponse>();
  protected readonly overdue = computed(() => {
    const step = this.deal().nextStep;
    return this.deal().status === 'open' && !!step && isOverdue(step.dueAt);
  });
}
