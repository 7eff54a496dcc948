import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@crm/web/i18n';
import { EmptyState } from '../states/empty-state';

/**
 * What a list card shows with no rows (project it as `[listEmpty]` into `crm-list-card`): with no
 * filters, how to get the first records in (the API key, an import, "Add"); with filters, that
 * nothing matches and "Reset filters". Texts are the area's: `<area>.emptyTitle`, `.emptyText`,
 * `.add`, `.noMatchesTitle`, `.noMatchesText`, `.resetFilters`.
 */
@Component({
  selector: 'crm-list-empty',
  imports: [EmptyState, MatButtonModule, MatIconModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!filtered()) {
      <crm-empty-state [icon]="icon()" [title]="key('emptyTitle') | t" [text]="key('emptyText') | t">
        <div class="empty-actions">
          <a matButton="filled" routerLink="/keys" [attr.data-testid]="keysTestId()">
            <mat-icon svgIcon="key" />
            {{ 'clients.toApiKey' | t }}
          </a>
          <a matButton="outlined" routerLink="/imports" [queryParams]="{ kind: area() }">
            <mat-icon svgIcon="upload" />
            {{ 'clients.toImport' | t }}
          </a>
          <button matButton type="button" (click)="add.emit()">{{ key('add') | t }}</button>
        </div>
      </crm-empty-state>
    } @else {
      <crm-empty-state icon="search" [title]="key('noMatchesTitle') | t" [text]="key('noMatchesText') | t">
        <button matButton="outlined" type="button" (click)="cleared.emit()">{{ key('resetFilters') | t }}</button>
      </crm-empty-state>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class ListEmpty {
  /** The list (the prefix of its texts and the import's kind). */
  readonly area = input.required<'clients' | 'sales'>();
  readonly icon = input.required<string>();
  /** Filters are applied: the list is empty because nothing matches. */
  readonly filtered = input(false);
  readonly keysTestId = input<string | null>(null);
  readonly add = output<void>();
  readonly cleared = output<void>();

  /** One of the area's texts, e.g. `clients.add`. */
  protected key<S extends string>(suffix: S): `${'clients' | 'sales'}.${S}` {
    return `${this.area()}.${suffix}`;
  }
}
