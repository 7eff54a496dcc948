import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { InteractionType } from '@crm/shared/contracts';
import { LocalDateTimePipe, TranslatePipe, type TranslationKey } from '@crm/web/i18n';
import { ErrorState, ListSkeleton } from '@crm/web/ui';
import type { TimelineEntry } from './deal-timeline-model';

const INTERACTION_ICONS: Record<InteractionType, string> = {
  call: 'phone',
  email: 'mail',
  meeting: 'event',
  message: 'note',
  purchase: 'receipt',
  other: 'info',
};

/**
 * The deal's timeline: a box to write a note and a button to log a contact, then stage changes,
 * notes, interactions and tasks in one list, newest first. The page loads and saves; this shows.
 */
@Component({
  selector: 'crm-deal-timeline',
  imports: [
    ErrorState,
    FormsModule,
    ListSkeleton,
    LocalDateTimePipe,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="compose" (ngSubmit)="submitNote()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="field">
        <mat-label>{{ 'deals.timeline.noteLabel' | t }}</mat-label>
        <textarea
          matInput
          rows="2"
          name="text"
          maxlength="10000"
          data-testid="deal-note-text"
          [placeholder]="'deals.timeline.notePlaceholder' | t"
          [ngModel]="text()"
          (ngModelChange)="text.set($event)"
        ></textarea>
      </mat-form-field>
      <div class="compose-actions">
        <button
          matButton="filled"
          type="submit"
          data-testid="deal-note-save"
          [disabled]="savingNote() || !text().trim()"
        >
          {{ 'deals.timeline.noteSave' | t }}
        </button>
        <button matButton="tonal" type="button" data-testid="deal-add-interaction" (click)="addInteraction.emit()">
          <mat-icon svgIcon="phone" />{{ 'deals.timeline.addInteraction' | t }}
        </button>
      </div>
    </form>
    @if (loading()) {
      <crm-list-skeleton class="pad" [rows]="4" />
    } @else if (failed()) {
      <crm-error-state class="pad" (retry)="retry.emit()" />
    } @else {
      <ol class="timeline" data-testid="deal-timeline">
        @for (entry of entries(); track entry.key) {
          <li class="entry" [attr.data-kind]="entry.kind" data-testid="deal-timeline-entry">
            @switch (entry.kind) {
              @case ('stage') {
                <span class="dot stage" aria-hidden="true"><mat-icon svgIcon="arrow-forward" /></span>
                <div class="body">
                  <p class="what">
                    @if (entry.from) {
                      {{ 'deals.detail.change' | t: { from: entry.from, to: entry.to } }}
                    } @else {
                      {{ 'deals.detail.created' | t: { to: entry.to } }}
                    }
                  </p>
                  <p class="meta">
                    {{ 'deals.timeline.stage' | t }} · {{ entry.at | localDateTime }}
                    @if (entry.who) {
                      · {{ entry.who }}
                    }
                  </p>
                </div>
              }
              @case ('note') {
                <span class="dot note" aria-hidden="true"><mat-icon svgIcon="note" /></span>
                <div class="body">
                  <p class="text" data-testid="deal-note">{{ entry.text }}</p>
                  <p class="meta">
                    {{ 'deals.timeline.note' | t }} · {{ entry.at | localDateTime }} ·
                    {{ entry.who ?? ('clients.detail.deletedAuthor' | t) }}
                  </p>
                </div>
              }
              @case ('interaction') {
                <span class="dot contact" aria-hidden="true"><mat-icon [svgIcon]="icon(entry.type)" /></span>
                <div class="body">
                  <p class="text" data-testid="deal-interaction">{{ entry.summary }}</p>
                  <p class="meta">
                    <strong>{{ typeKey(entry.type) | t }}</strong> · {{ entry.at | localDateTime }}
                    @if (entry.who) {
                      · {{ entry.who }}
                    }
                  </p>
                </div>
              }
              @case ('task') {
                <span class="dot task" [class.late]="entry.state === 'overdue'" aria-hidden="true">
                  <mat-icon [svgIcon]="entry.state === 'done' ? 'check-circle' : 'radio-unchecked'" />
                </span>
                <div class="body">
                  <p class="what" [class.done]="entry.state === 'done'">{{ entry.task.title }}</p>
                  <p class="meta" [class.late]="entry.state === 'overdue'">
                    {{ taskKey(entry.state) | t }} · {{ entry.at | localDateTime }}
                    @if (entry.task.assigneeName) {
                      · {{ entry.task.assigneeName }}
                    }
                  </p>
                </div>
              }
            }
          </li>
        } @empty {
          <li class="empty">{{ 'deals.timeline.empty' | t }}</li>
        }
      </ol>
    }
  `,
  styles: `
    .compose {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: flex-end;
      padding: 0 16px 8px;
    }
    .field {
      flex: 1 1 260px;
    }
    .compose-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .pad {
      padding: 16px;
    }
    .timeline {
      list-style: none;
      margin: 0;
      padding: 8px 16px 16px;
    }
    .entry {
      position: relative;
      display: flex;
      gap: 12px;
      padding-bottom: 14px;
    }
    .entry:not(:last-child)::before {
      content: '';
      position: absolute;
      left: 15px;
      top: 32px;
      bottom: 0;
      border-left: 2px solid var(--mat-sys-outline-variant);
    }
    .dot {
      flex: none;
      display: grid;
      place-items: center;
      width: 32px;
      height: 32px;
      border-radius: 50%;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface-variant);
    }
    .dot mat-icon {
      width: 18px;
      height: 18px;
    }
    .dot.stage {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .dot.contact {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .dot.note {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .dot.task.late {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .body {
      min-width: 0;
      padding-top: 4px;
    }
    .what,
    .text {
      margin: 0;
      color: var(--mat-sys-on-surface);
      overflow-wrap: anywhere;
    }
    .text {
      white-space: pre-wrap;
    }
    .what.done {
      text-decoration: line-through;
      color: var(--mat-sys-on-surface-variant);
    }
    .meta {
      margin: 2px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .meta strong {
      color: var(--mat-sys-on-surface);
      font-weight: 500;
    }
    .meta.late {
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    .empty {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class DealTimeline {
  readonly entries = input.required<readonly TimelineEntry[]>();
  readonly loading = input(false);
  readonly failed = input(false);
  readonly savingNote = input(false);
  /** The text of a new note; the page clears the box by {@link clear} once it is saved. */
  readonly note = output<string>();
  readonly addInteraction = output<void>();
  readonly retry = output<void>();

  protected readonly text = signal('');

  clear(): void {
    this.text.set('');
  }

  protected submitNote(): void {
    const text = this.text().trim();
    if (text && !this.savingNote()) this.note.emit(text);
  }

  protected icon(type: InteractionType): string {
    return INTERACTION_ICONS[type] ?? 'info';
  }

  protected typeKey(type: InteractionType): TranslationKey {
    return `clients.interaction.types.${type}` as TranslationKey;
  }

  protected taskKey(state: 'done' | 'planned' | 'overdue'): TranslationKey {
    return `deals.timeline.task.${state}` as TranslationKey;
  }
}
