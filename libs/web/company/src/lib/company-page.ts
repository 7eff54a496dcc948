import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { CompanyContext } from '@crm/web/core';
import { TranslatePipe } from '@crm/web/i18n';
import { PageHeader } from '@crm/web/ui';
import { MembersCard } from './members/members-card';
import { SettingsCard } from './settings/settings-card';

/** Company: members (invite, roles, removal), settings and a way to the exchange rates. */
@Component({
  selector: 'crm-company-page',
  imports: [MatButtonModule, MatIconModule, MembersCard, PageHeader, RouterLink, SettingsCard, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-page-header [title]="'company.title' | t" [subtitle]="context.active()?.name ?? null">
      <a matButton="outlined" pageActions routerLink="rates" data-testid="company-rates-link">
        <mat-icon svgIcon="currency-exchange" />
        {{ 'rates.title' | t }}
      </a>
    </crm-page-header>
    @if (!context.canManage()) {
      <p class="notice" role="note" data-testid="member-notice">
        <mat-icon svgIcon="lock" aria-hidden="true" />
        <span>{{ 'company.managerOnly' | t }}</span>
      </p>
    }
    <div class="grid">
      <crm-members-card class="members" />
      <crm-settings-card class="settings" />
    </div>
  `,
  styles: `
    @use 'notice';

    @include notice.notice;
    .grid {
      display: grid;
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      gap: 16px;
      align-items: start;
    }
    @media (max-width: 959.98px) {
      .grid {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `,
})
export class CompanyPage {
  protected readonly context = inject(CompanyContext);
}
