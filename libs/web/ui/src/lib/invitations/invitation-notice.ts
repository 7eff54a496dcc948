import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { CompanyMembershipResponse, MyInvitationResponse } from '@crm/shared/contracts';
import { CompanyContext, ROLE_LABELS } from '@crm/web/core';
import { InvitationsApi } from '@crm/web/data-access';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { Toasts } from '../toasts/toasts';

/**
 * Invitations to the signed-in user's login, each with Accept and Decline. Accepting makes the
 * user a member (the company list is reloaded and the new company becomes the active one).
 * Shown on top of the company area and on the welcome page of a user without a company.
 */
@Component({
  selector: 'crm-invitation-notice',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (items().length > 0) {
      <section class="notice" data-testid="invitation-notice" [attr.aria-labelledby]="'invitation-notice-title'">
        <h2 class="title" id="invitation-notice-title">
          <mat-icon svgIcon="mail" aria-hidden="true" />
          {{ 'invitations.forYou' | t: { count: items().length } }}
        </h2>
        <ul class="list">
          @for (invitation of items(); track invitation.id) {
            <li class="item" data-testid="my-invitation">
              <span class="what">
                <span class="company">{{ 'invitations.company' | t: { company: invitation.company.name } }}</span>
                <span class="meta">
                  {{ 'invitations.role' | t: { role: (roleLabels[invitation.role] | t) } }}
                  @if (invitation.invitedBy) {
                    · {{ 'invitations.from' | t: { login: invitation.invitedBy } }}
                  }
                </span>
              </span>
              <span class="actions">
                <button
                  matButton
                  type="button"
                  data-testid="decline-invitation"
                  [disabled]="busy() === invitation.id"
                  (click)="decline(invitation)"
                >
                  {{ 'invitations.decline' | t }}
                </button>
                <button
                  matButton="filled"
                  type="button"
                  data-testid="accept-invitation"
                  [disabled]="busy() === invitation.id"
                  (click)="accept(invitation)"
                >
                  {{ 'invitations.accept' | t }}
                </button>
              </span>
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    @use 'plain-list';

    .notice {
      margin: 0 0 16px;
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .title {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0 0 4px;
      font: var(--mat-sys-title-small);
    }
    .item {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 4px 12px;
      padding: 4px 0;
    }
    .what {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .company {
      font: var(--mat-sys-body-large);
      overflow-wrap: anywhere;
    }
    .meta {
      font: var(--mat-sys-body-small);
    }
    .actions {
      display: flex;
      gap: 8px;
      margin-left: auto;
    }
    @include plain-list.list;
  `,
})
export class InvitationNotice {
  private readonly api = inject(InvitationsApi);
  private readonly context = inject(CompanyContext);
  private readonly i18n = inject(I18n);
  private readonly toasts = inject(Toasts);

  /** The company the user has just joined (already active). */
  readonly joined = output<CompanyMembershipResponse>();

  protected readonly roleLabels = ROLE_LABELS;
  protected readonly invitations = rxResource({ stream: () => this.api.mine() });
  protected readonly items = computed(() => (this.invitations.hasValue() ? this.invitations.value() : []));
  protected readonly busy = signal<string | null>(null);

  protected accept(invitation: MyInvitationResponse): void {
    this.busy.set(invitation.id);
    this.api.accept(invitation.id).subscribe({
      next: (company) => {
        this.drop(invitation);
        const joined = () => {
          this.context.select(company.id);
          this.toast(this.i18n.t('invitations.accepted', { company: company.name }));
          this.joined.emit(company);
        };
        this.context.reload().then(joined, joined);
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  protected decline(invitation: MyInvitationResponse): void {
    this.busy.set(invitation.id);
    this.api.decline(invitation.id).subscribe({
      next: () => {
        this.drop(invitation);
        this.toast(this.i18n.t('invitations.declined', { company: invitation.company.name }));
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  private drop(invitation: MyInvitationResponse): void {
    this.busy.set(null);
    this.invitations.update((list) => list?.filter((item) => item.id !== invitation.id));
  }

  private fail(error: unknown): void {
    this.busy.set(null);
    this.toasts.failed(error, 8000);
    this.invitations.reload();
  }

  private toast(message: string): void {
    this.toasts.said(message, 5000);
  }
}
