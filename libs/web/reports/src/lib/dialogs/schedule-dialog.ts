import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { describeError } from '@crm/web/core';
import { MembersApi } from '@crm/web/data-access';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import type { PutReportScheduleDto, ReportResponse } from '../report-model';
import { ReportsApi } from '../reports-api';
import { weekdayName } from '../viewer/report-runs';

export interface ScheduleDialogData {
  companyId: string;
  report: ReportResponse;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The schedule as the API takes it; null while the time is not `HH:MM`. */
export function scheduleBody(
  frequency: 'weekly' | 'monthly',
  weekday: number,
  dayOfMonth: number,
  time: string,
  recipients: string[],
): PutReportScheduleDto | null {
  if (!TIME.test(time)) return null;
  return frequency === 'weekly'
    ? { frequency, weekday, time, recipients }
    : { frequency, dayOfMonth, time, recipients };
}

/**
 * Rebuild the report weekly or monthly at a time of the company's time zone; chosen members get
 * each run's PDF by mail when mail is set up. Closes with `saved` or `removed`.
 */
@Component({
  selector: 'crm-schedule-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'reports.schedule.title' | t }}</h2>
    <mat-dialog-content>
      <mat-radio-group
        class="frequency"
        [attr.aria-label]="'reports.schedule.frequency' | t"
        [value]="frequency()"
        (change)="frequency.set($event.value)"
      >
        <mat-radio-button value="weekly" data-testid="weekly">{{ 'reports.schedule.weekly' | t }}</mat-radio-button>
        <mat-radio-button value="monthly" data-testid="monthly">{{ 'reports.schedule.monthly' | t }}</mat-radio-button>
      </mat-radio-group>
      <div class="fields">
        @if (frequency() === 'weekly') {
          <mat-form-field appearance="outline">
            <mat-label>{{ 'reports.schedule.weekday' | t }}</mat-label>
            <mat-select data-testid="weekday" [value]="weekday()" (valueChange)="weekday.set($event)">
              @for (day of weekdays(); track day.value) {
                <mat-option [value]="day.value">{{ day.name }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        } @else {
          <mat-form-field appearance="outline">
            <mat-label>{{ 'reports.schedule.dayOfMonth' | t }}</mat-label>
            <mat-select data-testid="day-of-month" [value]="dayOfMonth()" (valueChange)="dayOfMonth.set($event)">
              @for (day of days; track day) {
                <mat-option [value]="day">{{ day }}</mat-option>
              }
            </mat-select>
            <mat-hint>{{ 'reports.schedule.dayOfMonthHint' | t }}</mat-hint>
          </mat-form-field>
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ 'reports.schedule.time' | t }}</mat-label>
          <input
            matInput
            type="time"
            data-testid="time"
            required
            [value]="time()"
            (input)="time.set($any($event.target).value)"
          />
          <mat-hint>{{ 'reports.schedule.timeHint' | t }}</mat-hint>
        </mat-form-field>
      </div>
      <mat-form-field appearance="outline" class="recipients">
        <mat-label>{{ 'reports.schedule.recipients' | t }}</mat-label>
        <mat-select multiple data-testid="recipients" [value]="recipients()" (valueChange)="recipients.set($event)">
          @for (member of members.hasValue() ? members.value() : []; track member.userId) {
            <mat-option [value]="member.userId">{{ member.login }}</mat-option>
          }
        </mat-select>
        <mat-hint>{{ 'reports.schedule.recipientsHint' | t }}</mat-hint>
      </mat-form-field>
      @if (failure(); as message) {
        <p class="failure" role="alert">{{ message }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (data.report.schedule) {
        <button
          matButton
          type="button"
          class="remove"
          data-testid="schedule-remove"
          [disabled]="saving()"
          (click)="remove()"
        >
          {{ 'reports.schedule.remove' | t }}
        </button>
      }
      <button matButton type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
      <button
        matButton="filled"
        type="button"
        data-testid="schedule-save"
        [disabled]="saving() || !body()"
        (click)="save()"
      >
        {{ (saving() ? 'common.saving' : 'common.save') | t }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .frequency {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      margin-bottom: 12px;
    }
    .fields {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 180px), 1fr));
      gap: 0 12px;
    }
    .recipients {
      width: 100%;
    }
    .remove {
      margin-right: auto;
      color: var(--mat-sys-error);
    }
    .failure {
      color: var(--mat-sys-error);
    }
  `,
})
export class ScheduleDialog {
  protected readonly data = inject<ScheduleDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ScheduleDialog, 'saved' | 'removed'>>(MatDialogRef);
  private readonly api = inject(ReportsApi);
  private readonly membersApi = inject(MembersApi);
  private readonly i18n = inject(I18n);

  private readonly current = this.data.report.schedule;
  protected readonly frequency = signal<'weekly' | 'monthly'>(this.current?.frequency ?? 'weekly');
  protected readonly weekday = signal(this.current?.weekday ?? 1);
  protected readonly dayOfMonth = signal(this.current?.dayOfMonth ?? 1);
  protected readonly time = signal(this.current?.time ?? '09:00');
  protected readonly recipients = signal<string[]>(this.current?.recipients.map((user) => user.id) ?? []);
  protected readonly days = Array.from({ length: 31 }, (_, i) => i + 1);
  protected readonly weekdays = computed(() =>
    [1, 2, 3, 4, 5, 6, 7].map((value) => ({ value, name: weekdayName(value, this.i18n.language()) })),
  );
  protected readonly body = computed(() =>
    scheduleBody(this.frequency(), this.weekday(), this.dayOfMonth(), this.time(), this.recipients()),
  );
  protected readonly saving = signal(false);
  protected readonly failure = signal<string | null>(null);

  protected readonly members = rxResource({
    params: () => this.data.companyId,
    stream: ({ params }) => this.membersApi.list(params),
  });

  protected save(): void {
    const body = this.body();
    if (!body) return;
    this.run(this.api.schedule(this.data.companyId, this.data.report.id, body), 'saved');
  }

  protected remove(): void {
    this.run(this.api.unschedule(this.data.companyId, this.data.report.id), 'removed');
  }

  private run(
    call: ReturnType<ReportsApi['unschedule']> | ReturnType<ReportsApi['schedule']>,
    outcome: 'saved' | 'removed',
  ): void {
    this.saving.set(true);
    this.failure.set(null);
    call.subscribe({
      next: () => this.ref.close(outcome),
      error: (error: unknown) => {
        this.saving.set(false);
        this.failure.set(describeError(error, this.i18n));
      },
    });
  }
}
