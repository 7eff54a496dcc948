import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { companyMembers } from '@crm/web/core';

/**
 * Picks a member of the company (a deal's owner, a task's assignee) in a form dialog: a cell of
 * `crm-dialog-scaffold`'s grid; `control` holds the member's user id.
 */
@Component({
  selector: 'crm-member-select',
  imports: [MatFormFieldModule, MatSelectModule, ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline">
      <mat-label>{{ label() }}</mat-label>
      <mat-select [formControl]="control()" [attr.data-testid]="testId()">
        @for (member of members(); track member.userId) {
          <mat-option [value]="member.userId">{{ member.login }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class MemberSelect {
  readonly control = input.required<FormControl<string>>();
  readonly companyId = input.required<string>();
  readonly label = input.required<string>();
  readonly testId = input<string | null>(null);

  protected readonly members = companyMembers(() => this.companyId());
}
