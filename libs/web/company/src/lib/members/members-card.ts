import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { type MatSelect, type MatSelectChange, MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router } from '@angular/router';
import type { CompanyRole, MemberResponse } from '@crm/shared/contracts';
import {
  COMPANY_ROLES,
  CompanyContext,
  describeError,
  httpStatus,
  MembersApi,
  ROLE_LABELS,
  serverMessage,
} from '@crm/web/core';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { EmptyState, ErrorState, ListSkeleton, openConfirm } from '@crm/web/ui';
import { filter, switchMap } from 'rxjs';
import { InviteForm } from './invite-form';

/**
 * Members with their roles. Owners and admins invite, change roles and remove; only owners
 * touch owners (as the API enforces), and the API keeps the last owner (409, shown as is).
 */
@Component({
  selector: 'crm-members-card',
  imports: [
    EmptyState,
    ErrorState,
    InviteForm,
    ListSkeleton,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatSelectModule,
    MatTooltipModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './members-card.html',
  styleUrl: './members-card.scss',
})
export class MembersCard {
  private readonly api = inject(MembersApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
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
    const message =
      httpStatus(error) === 409
        ? this.i18n.t('company.members.conflict', {
            message: serverMessage(error) ?? this.i18n.t('company.members.lastOwner'),
          })
        : describeError(error, this.i18n);
    this.snackBar.open(message, this.i18n.t('common.close'), { duration: 8000 });
    this.members.reload();
  }

  private toast(message: string): void {
    this.snackBar.open(message, undefined, { duration: 4000 });
  }
}
