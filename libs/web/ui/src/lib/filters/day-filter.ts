import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { dateToDay, dayToDate } from '@crm/web/core';

/**
 * A day field of a list's filter bar, with its date picker: `day` is the filter as the URL keeps
 * it (`2026-11-20`, empty for none) and `dayChange` emits the picked day the same way (empty when
 * cleared). The host has no box, so the form field is the filter grid's own item.
 */
@Component({
  selector: 'crm-day-filter',
  imports: [MatDatepickerModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        [attr.data-testid]="testId()"
        [matDatepicker]="picker"
        [value]="date()"
        (dateChange)="dayChange.emit(toDay($event.value))"
      />
      <mat-datepicker-toggle matIconSuffix [for]="picker" />
      <mat-datepicker #picker />
    </mat-form-field>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class DayFilter {
  readonly label = input.required<string>();
  readonly day = input('');
  readonly testId = input<string | null>(null);
  readonly dayChange = output<string>();

  protected readonly date = computed(() => dayToDate(this.day()));

  protected toDay(date: Date | null): string {
    return dateToDay(date);
  }
}
