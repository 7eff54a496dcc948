import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { ApiParams } from '@crm/web/data-access';
import { TranslatePipe } from '@crm/web/i18n';
import { ExportMenu } from '../export-menu/export-menu';
import { PageHeader } from '../page-header/page-header';

/**
 * The header of a list page that can be exported (clients, sales): the title and subtitle of the
 * area (`<area>.title`, `<area>.subtitle`), "Export" of the list as filtered now, and "Add"
 * (`<area>.add`), which emits `add`.
 */
@Component({
  selector: 'crm-list-page-header',
  imports: [ExportMenu, MatButtonModule, MatIconModule, PageHeader, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-page-header [title]="key('title') | t" [subtitle]="key('subtitle') | t">
      <crm-export-menu pageActions [list]="area()" [filters]="filters()" />
      <button pageActions matButton="filled" type="button" [attr.data-testid]="addTestId()" (click)="add.emit()">
        <mat-icon svgIcon="add" />
        {{ key('add') | t }}
      </button>
    </crm-page-header>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class ListPageHeader {
  /** The list, which is also the prefix of its texts. */
  readonly area = input.required<'clients' | 'sales'>();
  /** The filters now applied, for the export. */
  readonly filters = input<ApiParams>({});
  readonly addTestId = input<string | null>(null);
  readonly add = output<void>();

  /** One of the area's texts, e.g. `clients.add`. */
  protected key<S extends string>(suffix: S): `${'clients' | 'sales'}.${S}` {
    return `${this.area()}.${suffix}`;
  }
}
