import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { TranslatePipe } from '@crm/web/i18n';
import { PreferenceToggles } from '../preferences/preference-toggles';

/** The frame of pages outside the company area (sign in, sign up, create a company): brand, language and theme switches, a centred card. */
@Component({
  selector: 'crm-bare-layout',
  imports: [MatCardModule, PreferenceToggles, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="bar">
      <span class="brand"><span class="mark" aria-hidden="true">C</span>{{ 'app.name' | t }}</span>
      <crm-preference-toggles />
    </header>
    <main class="main" id="main">
      <mat-card appearance="outlined" class="card">
        <mat-card-content><ng-content /></mat-card-content>
      </mat-card>
    </main>
  `,
  styles: `
    @use 'brand';

    :host {
      display: flex;
      flex-direction: column;
      min-height: 100dvh;
      background: var(--mat-sys-surface-container-low);
    }
    .bar {
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: 8px 12px 8px 20px;
    }
    @include brand.brand;
    .main {
      flex: 1;
      display: flex;
      align-items: flex-start;
      justify-content: center;
      padding: 5vh 12px 32px;
    }
    .card {
      width: 100%;
      max-width: 420px;
      padding: 12px 8px 8px;
    }
  `,
})
export class BareLayout {}
