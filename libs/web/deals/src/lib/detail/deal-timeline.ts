import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { NoteResponse } from '@crm/shared/contracts';
import { LocalDateTimePipe, TranslatePipe, type TranslationKey } from '@crm/web/i18n';
import { ErrorState, interactionIcon, interactionTypeKey, ListSkeleton, NoteBox } from '@crm/web/ui';
import type { Observable } from 'rxjs';
import type { TimelineEntry } from './deal-timeline-model';

/**
 * The deal's timeline: a box to write a note and a button to log a contact, then stage changes,
 * notes, interactions and tasks in one list, newest first. The page loads and saves; this shows.
 */
@Component({
  selector: 'crm-deal-timeline',
  imports: [ErrorState, ListSkeleton, LocalDateTimePipe, MatButtonModule, MatIconModule, NoteBox, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-note-box
      class="compose"
      texts="deals.timeline"
      textTestId="deal-note-text"
      saveTestId="deal-note-save"
      [maxLength]="10000"
      [send]="sendNote()"
      (saved)="noteAdded.emit($event)"
    >
      <button matButton="tonal" type="button" data-testid="deal-add-interaction" (click)="addInteraction.emit()">
        <mat-icon svgIcon="phone" />{{ 'deals.timeline.addInteraction' | t }}
      </button>
    </crm-note-box>
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
  styleUrl: './deal-timeline.scss',
})
export class DealTimeline {
  readonly entries = input.required<readonly TimelineEntry[]>();
  readonly loading = input(false);
  readonly failed = input(false);
  /** Saves a new note's text (the box waits for it and empties once it is saved). */
  readonly sendNote = input.required<(text: string) => Observable<NoteResponse>>();
  readonly noteAdded = output<NoteResponse>();
  readonly addInteraction = output<void>();
  readonly retry = output<void>();

  protected readonly icon = interactionIcon;
  protected readonly typeKey = interactionTypeKey;

  protected taskKey(state: 'done' | 'planned' | 'overdue'): TranslationKey {
    return `deals.timeline.task.${state}` as TranslationKey;
  }
}
