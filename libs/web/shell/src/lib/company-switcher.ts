import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { CompanyContext, ROLE_LABELS } from '@crm/web/core';
import { TranslatePipe } from '@crm/web/i18n';

/** The active company; a menu to switch when the user belongs to several. */
@Component({
  selector: 'crm-company-switcher',
  imports: [MatButtonModule, MatIconModule, MatMenuModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let active = context.active();
    @if (active) {
      @if (context.companies().length > 1) {
        <button
          matButton
          type="button"
          class="switcher"
          data-testid="company-switcher"
          [matMenuTriggerFor]="menu"
          [attr.aria-label]="('shell.switchCompany' | t) + '. ' + ('shell.currentCompany' | t: { name: active.name })"
        >
          <span class="name">{{ active.name }}</span>
          <mat-icon svgIcon="expand-more" iconPositionEnd />
        </button>
        <mat-menu #menu="matMenu">
          @for (company of context.companies(); track company.id) {
            <button
              mat-menu-item
              type="button"
              role="menuitemradio"
              [attr.aria-checked]="company.id === active.id"
              (click)="context.select(company.id)"
            >
              <mat-icon [svgIcon]="company.id === active.id ? 'check' : 'business'" />
              <span>{{ company.name }}</span>
              <span class="role">{{ roleLabels[company.role] | t }}</span>
            </button>
          }
        </mat-menu>
      } @else {
        <span class="single" data-testid="company-name" [attr.title]="active.name">{{ active.name }}</span>
      }
    }
  `,
  styles: `
    :host {
      display: flex;
      min-width: 0;
    }
    .switcher {
      max-width: 100%;
      color: inherit;
    }
    .name,
    .single {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .single {
      padding: 0 8px;
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .role {
      margin-left: 12px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class CompanySwitcher {
  protected readonly context = inject(CompanyContext);
  protected readonly roleLabels = ROLE_LABELS;
}
