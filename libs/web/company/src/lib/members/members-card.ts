import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { type MatSelect, type MatSelectChange, MatSelectModule } from '@angular/material/select';
import { Router } from '@angular/router';
import type { CompanyRole, MemberResponse } from '@crm/shared/contracts';
import { COMPANY_ROLES, CompanyContext, describeError, ROLE_LABELS } from '@crm/web/core';
import { MembersApi } from '@crm/web/data-access';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { EmptyState, ErrorState, IconAction, ListSkeleton, openConfirm, Toasts } from '@crm/web/ui';
import { filter, switchMap } from 'rxjs';
import { InviteForm } from './invite-form';
import { PendingInvitations } from './pending-invitations';

/**
 * Members with their roles. Owners and admins invite (an invitation the invitee accepts), see and
 * withdraw pending invitations, change roles and remove; only owners touch owners (as the API
 * enforces), and the API keeps the last owner (409, translated by its code).
 */
@Component({
  selector: 'crm-members-card',
  imports: [
    EmptyState,
    ErrorState,
    InviteForm,
    ListSkeleton,
    IconAction,
    MatCardModule,
    MatSelectModule,
    PendingInvitations,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './members-card.html',
  styleUrl: './members-card.scss',
})
export class MembersCard {
  private readonly api = inject(MembersApi);
  private readonly dialog = inject(MatDialog);
  private readonly toasts = inject(Toasts);
  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);
  protected readonly context = inject(CompanyContext);

  protected readonly roleLabels = ROLE_LABELS;
  protected readonly members = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params: companyId }) => this.api.list(companyId),
  });
  protected readonly loadError = computed(() =>
    this.members.error() ? describeError(this.members.error(), this.i18n) : null,
  );
  /** Admins cannot hand out or take away ownership. */
  protected readonly assignableRoles = computed<readonly CompanyRole[]>(() =>
    this.context.role() === 'owner' ? COMPANY_ROLES : COMPANY_ROLES.filter((role) => role !== 'owner'),
  );

  /** Bumped after an invitation so the pending list shows it. */
  protected readonly invitationsVersion = signal(0);

  protected onInvited(): void {
    this.invitationsVersion.update((v) => v + 1);
  }

  protected canEdit(member: MemberResponse): boolean {
    return this.context.canManage() && (this.context.role() === 'owner' || member.role !== 'owner');
  }

  protected isMe(member: MemberResponse): boolean {
    return member.userId === this.context.me()?.id;
  }

  protected changeRole(member: MemberResponse, change: MatSelectChange<CompanyRole>): void {
    const companyId = this.context.activeId();
    if (!companyId) return;
    const select: MatSelect = change.source;
    this.api.changeRole(companyId, member.userId, change.value).subscribe({
      next: (updated) => {
        if (this.members.hasValue())
          this.members.update((list) => list?.map((item) => (item.userId === updated.userId ? updated : item)));
        this.toast(this.i18n.t('company.members.roleChanged', { login: member.login }));
        if (this.isMe(member)) void this.context.reload();
      },
      error: (error: unknown) => {
        select.value = member.role;
        this.toastError(error);
      },
    });
  }

  protected remove(member: MemberResponse): void {
    const companyId = this.context.activeId();
    if (!companyId) return;
    openConfirm(this.dialog, {
      title: this.i18n.t('company.members.removeConfirm.title', { login: member.login }),
      text: this.i18n.t('company.members.removeConfirm.text'),
      confirm: this.i18n.t('company.members.removeConfirm.confirm'),
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.remove(companyId, member.userId)),
      )
      .subscribe({
        next: () => {
          this.toast(this.i18n.t('company.members.removed', { login: member.login }));
          if (this.isMe(member)) {
            void this.context.reload().then(() => this.router.navigateByUrl('/'));
          } else {
            this.members.update((list) => list?.filter((item) => item.userId !== member.userId));
          }
        },
        error: (error: unknown) => this.toastError(error),
      });
  }

  private toastError(error: unknown): void {
    this.toasts.failed(error, 8000);
    this.members.reload();
  }

  private toast(message: string): void {
    this.toasts.said(message, 4000);
  }
}
