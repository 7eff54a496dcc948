import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { describeError } from '@crm/web/core';
import { MembersApi } from '@crm/web/data-access';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { ListSkeleton } from '@crm/web/ui';
import type { ReportResponse } from '../report-model';
import { ReportsApi } from '../reports-api';

export interface ShareDialogData {
  companyId: string;
  report: ReportResponse;
}

/** Whom the report is shared with: the whole company, or chosen members. Closes with the updated report. */
@Component({
  selector: 'crm-share-dialog',
  imports: [ListSkeleton, MatButtonModule, MatCheckboxModule, MatDialogModule, MatSlideToggleModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'reports.share.title' | t }}</h2>
    <mat-dialog-content>
      <mat-slide-toggle data-testid="share-company" [checked]="company()" (change)="company.set($event.checked)">
        {{ 'reports.share.company' | t }}
      </mat-slide-toggle>
      <p class="hint">{{ 'reports.share.companyHint' | t }}</p>
      <h3 class="subtitle">{{ 'reports.share.members' | t }}</h3>
      @if (members.isLoading()) {
        <crm-list-skeleton [rows]="3" />
      } @else if (others().length === 0) {
        <p class="hint">{{ 'reports.share.nobody' | t }}</p>
      } @else {
        <ul class="members">
          @for (member of others(); track member.userId) {
            <li>
              <mat-checkbox
                [attr.data-testid]="'share-' + member.login"
                [checked]="company() || chosen().has(member.userId)"
                [disabled]="company()"
                (change)="toggle(member.userId, $event.checked)"
              >
                {{ member.login }}
              </mat-checkbox>
            </li>
          }
        </ul>
      }
      @if (failure(); as message) {
        <p class="failure" role="alert">{{ message }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
      <button matButton="filled" type="button" data-testid="share-save" [disabled]="saving()" (click)="save()">
        {{ (saving() ? 'common.saving' : 'common.save') | t }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    mat-slide-toggle ::ng-deep .mdc-label {
      padding-left: 12px;
    }
    .hint {
      margin: 4px 0 12px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .subtitle {
      margin: 8px 0 4px;
      font: var(--mat-sys-title-small);
    }
    .members {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .failure {
      color: var(--mat-sys-error);
    }
  `,
})
export class ShareDialog {
  private readonly data = inject<ShareDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ShareDialog, ReportResponse>>(MatDialogRef);
  private readonly api = inject(ReportsApi);
  private readonly membersApi = inject(MembersApi);
  private readonly i18n = inject(I18n);

  protected readonly members = rxResource({
    params: () => this.data.companyId,
    stream: ({ params }) => this.membersApi.list(params),
  });
  /** Everyone but the author, who always sees the report. */
  protected readonly others = computed(() =>
    (this.members.hasValue() ? this.members.value() : []).filter(
      (member) => member.userId !== this.data.report.createdBy.id,
    ),
  );
  protected readonly company = signal(this.data.report.sharedWith.company);
  protected readonly chosen = signal(new Set(this.data.report.sharedWith.users.map((user) => user.id)));
  protected readonly saving = signal(false);
  protected readonly failure = signal<string | null>(null);

  protected toggle(userId: string, checked: boolean): void {
    const next = new Set(this.chosen());
    if (checked) next.add(userId);
    else next.delete(userId);
    this.chosen.set(next);
  }

  protected save(): void {
    this.saving.set(true);
    this.failure.set(null);
    this.api
      .share(this.data.companyId, this.data.report.id, { company: this.company(), userIds: [...this.chosen()] })
      .subscribe({
        next: (report) => this.ref.close(report ?? this.data.report),
        error: (error: unknown) => {
          this.saving.set(false);
          this.failure.set(describeError(error, this.i18n));
        },
      });
  }
}
