import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { PipelineResponse } from '@crm/shared/contracts';
import { TranslatePipe } from '@crm/web/i18n';

/**
 * The pipeline picker of the deals board and the funnel page: the company's pipelines by name, the
 * shown one selected. The page sizes it through a class on `<crm-pipeline-select>`.
 */
@Component({
  selector: 'crm-pipeline-select',
  imports: [MatFormFieldModule, MatSelectModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ 'deals.pipeline' | t }}</mat-label>
      <mat-select [value]="current().id" [attr.data-testid]="testId()" (valueChange)="picked.emit($event)">
        @for (p of pipelines(); track p.id) {
          <mat-option [value]="p.id">{{ p.name }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-form-field {
      width: 100%;
    }
  `,
})
export class PipelineSelect {
  readonly pipelines = input.required<readonly PipelineResponse[]>();
  readonly current = input.required<PipelineResponse>();
  readonly testId = input.required<string>();
  /** The id of the pipeline picked. */
  readonly picked = output<string>();
}
