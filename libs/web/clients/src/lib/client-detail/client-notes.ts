import { ChangeDetectionStrategy, Component, computed, inject, input, output, type ResourceRef } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { NoteResponse } from '@crm/shared/contracts';
import { CompanyContext } from '@crm/web/core';
import { ClientsApi } from '@crm/web/data-access';
import { LocalDateTimePipe, RelativeTimePipe, TranslatePipe } from '@crm/web/i18n';
import { ErrorState, ListSkeleton, NoteBox } from '@crm/web/ui';
import { EMPTY, type Observable } from 'rxjs';

/** A quick "add a note" box above the client's notes, newest first; notes written on a deal link to it. */
@Component({
  selector: 'crm-client-notes',
  imports: [ErrorState, ListSkeleton, LocalDateTimePipe, NoteBox, RelativeTimePipe, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-note-box
      class="compose"
      fieldWidth="280px"
      texts="clients.detail"
      textTestId="note-text"
      saveTestId="note-save"
      [send]="send"
      (saved)="added.emit($event)"
    />
    @if (resource().isLoading() && !notes()) {
      <crm-list-skeleton class="pad" [rows]="2" />
    } @else if (resource().error()) {
      <crm-error-state class="pad" (retry)="resource().reload()" />
    } @else if (notes()?.length === 0) {
      <p class="empty">{{ 'clients.detail.noNotes' | t }}</p>
    } @else {
      <ul class="notes">
        @for (note of notes(); track note.id) {
          <li class="note" data-testid="note">
            <p class="text">{{ note.text }}</p>
            <p class="meta">
              {{ 'clients.detail.author' | t: { login: note.author?.login ?? ('clients.detail.deletedAuthor' | t) } }}
              ·
              <time [attr.datetime]="note.createdAt" [attr.title]="note.createdAt | localDateTime">{{
                note.createdAt | relativeTime
              }}</time>
              @if (note.dealId) {
                ·
                <a [routerLink]="['/deals', note.dealId]" data-testid="entry-deal-link">{{
                  'deals.section.onDeal' | t: { title: note.dealTitle ?? '–' }
                }}</a>
              }
            </p>
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .compose {
      padding: 16px 16px 8px;
    }
    .pad {
      padding: 16px;
    }
    .empty {
      margin: 0;
      padding: 8px 16px 16px;
      color: var(--mat-sys-on-surface-variant);
    }
    .notes {
      list-style: none;
      margin: 0;
      padding: 0 16px 16px;
      display: grid;
      gap: 8px;
    }
    .note {
      padding: 12px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
    }
    .text {
      margin: 0 0 4px;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .meta {
      margin: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    .meta a {
      color: var(--mat-sys-primary);
    }
  `,
})
export class ClientNotes {
  private readonly api = inject(ClientsApi);
  private readonly context = inject(CompanyContext);

  readonly clientId = input.required<string>();
  readonly resource = input.required<ResourceRef<NoteResponse[] | undefined>>();
  readonly added = output<NoteResponse>();

  protected readonly notes = computed(() => {
    const resource = this.resource();
    return resource.hasValue() ? (resource.value() ?? null) : null;
  });

  protected readonly send = (text: string): Observable<NoteResponse> => {
    const companyId = this.context.activeId();
    return companyId ? this.api.addNote(companyId, this.clientId(), { text }) : EMPTY;
  };
}
