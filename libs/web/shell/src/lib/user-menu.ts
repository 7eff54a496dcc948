import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Session } from '@crm/web/core';
import { TranslatePipe } from '@crm/web/i18n';

@Component({
  selector: 'crm-user-menu',
  imports: [MatButtonModule, MatDividerModule, MatIconModule, MatMenuModule, MatTooltipModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      matIconButton
      type="button"
      data-testid="user-menu"
      [matMenuTriggerFor]="menu"
      [attr.aria-label]="'shell.userMenu' | t"
      [matTooltip]="session.user()?.login ?? ''"
    >
      <mat-icon svgIcon="account" />
    </button>
    <mat-menu #menu="matMenu" xPosition="before">
      <div class="who" role="presentation">
        <span class="caption">{{ 'shell.signedInAs' | t }}</span>
        <span class="login">{{ session.user()?.login }}</span>
      </div>
      <mat-divider />
      <button mat-menu-item type="button" data-testid="logout" (click)="session.logout()">
        <mat-icon svgIcon="logout" />
        <span>{{ 'shell.logout' | t }}</span>
      </button>
    </mat-menu>
  `,
  styles: `
    :host {
      display: flex;
    }
    .who {
      display: flex;
      flex-direction: column;
      padding: 8px 16px 10px;
      max-width: 260px;
    }
    .caption {
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .login {
      font: var(--mat-sys-title-small);
      overflow-wrap: anywhere;
    }
  `,
})
export class UserMenu {
  protected readonly session = inject(Session);
}
