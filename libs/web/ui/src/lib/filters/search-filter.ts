import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';

/**
 * The search field of a list's filter bar (a magnifier in front): `value` is the search as the URL
 * keeps it; `searchChange` emits the trimmed text once typing pauses for `delay` ms (0: at every key, for
 * a bar that gathers typed changes itself). The host is the filter bar's item: size it there.
 */
@Component({
  selector: 'crm-search-filter',
  imports: [MatFormFieldModule, MatIconModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <mat-icon matPrefix svgIcon="search" />
      <input
        matInput
        type="search"
        [attr.data-testid]="testId()"
        [value]="value()"
        [placeholder]="placeholder()"
        (input)="typed($any($event.target).value)"
      />
    </mat-form-field>
  `,
  styles: `
    :host {
      display: grid;
    }
  `,
})
export class SearchFilter {
  readonly label = input.required<string>();
  readonly placeholder = input('');
  readonly value = input('');
  readonly testId = input<string | null>(null);
  readonly delay = input(300);
  readonly searchChange = output<string>();

  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  protected typed(value: string): void {
    clearTimeout(this.timer);
    if (this.delay() <= 0) {
      this.searchChange.emit(value.trim());
      return;
    }
    this.timer = setTimeout(() => this.searchChange.emit(value.trim()), this.delay());
  }
}
