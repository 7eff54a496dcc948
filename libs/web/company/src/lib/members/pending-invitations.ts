import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { InvitationResponse } from '@crm/shared/contracts';
import { CompanyContext, ROLE_LABELS } from '@crm/web/core';
import { InvitationsApi } from '@crm/web/data-access';
import { I18n, LocalDatePipe, TranslatePipe } from '@crm/web/i18n';
import { IconAction, Toasts } from '@crm/web/ui';

/** The company's invitations that wait for an answer, each with a withdraw button (owner/admin). */
@Component({
  selector: 'crm-pending-invitations',
  imports: [IconAction, LocalDatePipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (items().length > 0) {
      <section class="pending" data-testid="pending-invitations" [attr.aria-labelledby]="'pending-title'">
        <h3 class="subtitle" id="pending-title">{{ 'invitations.pendingTitle' | t }}</h3>
        <ul class="list">
          @for (invitation of items(); track invitation.id) {
            <li class="item" data-testid="pending-invitation">
              <span class="who">
                <span class="login">{{ invitation.login }}</span>
                <span class="meta">
                  {{ roleLabels[invitation.role] | t }} ·
                  {{ 'invitations.expires' | t: { date: (invitation.expiresAt | localDate) } }}
                </span>
              </span>
              @if (mayRevoke(invitation)) {
                <crm-icon-action
                  icon="close"
                  [testId]="'revoke-' + invitation.login"
                  [label]="'invitations.revokeOf' | t: { login: invitation.login }"
                  [tooltip]="'invitations.revoke' | t"
                  (click)="revoke(invitation)"
                />
              }
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    @use 'plain-list';

    .pending {
      margin: 0 0 16px;
      padding-bottom: 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .subtitle {
      margin: 0 0 4px;
      font: var(--mat-sys-title-small);
    }
    .item {
      display: flex;
      align-items: center;
      gap: 8px;
      min-height: 48px;
    }
    .who {
      display: flex;
      flex-direction: column;
      flex: 1;
      min-width: 0;
    }
    .login {
      font: var(--mat-sys-body-medium);
      overflow-wrap: anywhere;
    }
    .meta {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    @include plain-list.list;
  `,
})
export class PendingInvitations {
  private readonly api = inject(InvitationsApi);
  private readonly context = inject(CompanyContext);
  private readonly i18n = inject(I18n);
  private readonly toasts = inject(Toasts);

  readonly companyId = input.required<string>();
  /** Bumped by the invite form so a new invitation shows at once. */
  readonly version = input(0);

  protected readonly roleLabels = ROLE_LABELS;
  protected readonly invitations = rxResource({
    params: () => ({ companyId: this.companyId(), version: this.version() }),
    stream: ({ params }) => this.api.listForCompany(params.companyId),
  });
  protected readonly items = computed(() => (this.invitations.hasValue() ? this.invitations.value() : []));

  /** Only an owner withdraws an invitation that would make an owner. */
  protected mayRevoke(invitation: InvitationResponse): boolean {
    return invitation.role !== 'owner' || this.context.role() === 'owner';
  }

  protected revoke(invitation: InvitationResponse): void {
    this.api.revoke(this.companyId(), invitation.id).subscribe({
      next: () => {
        this.invitations.update((list) => list?.filter((item) => item.id !== invitation.id));
        this.toasts.said(this.i18n.t('invitations.revoked', { login: invitation.login }), 4000);
      },
      error: (error: unknown) => {
        this.toasts.failed(error, 8000);
        this.invitations.reload();
      },
    });
  }
}
