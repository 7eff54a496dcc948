import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { Theme } from '@crm/web/core';

/** RU/EN and light/dark switches, shown in the app bar and on the sign-in pages. */
@Component({
  selector: 'crm-preference-toggles',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      matButton
      type="button"
      class="language"
      data-testid="language-toggle"
      [attr.lang]="targetLanguage()"
      [attr.aria-label]="'language.switchTo' | t"
      [matTooltip]="'language.switchTo' | t"
      (click)="i18n.toggle()"
    >
      <mat-icon svgIcon="translate" />
      {{ 'language.target' | t }}
    </button>
    <button
      matIconButton
      type="button"
      data-testid="theme-toggle"
      [attr.aria-label]="themeLabel() | t"
      [matTooltip]="themeLabel() | t"
      (click)="theme.toggle()"
    >
      <mat-icon [svgIcon]="theme.mode() === 'dark' ? 'light' : 'dark'" />
    </button>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 2px;
    }
    .language {
      min-width: 0;
      padding: 0 10px;
      color: inherit;
    }
  `,
})
export class PreferenceToggles {
  protected readonly i18n = inject(I18n);
  protected readonly theme = inject(Theme);
  protected readonly targetLanguage = computed(() => (this.i18n.language() === 'ru' ? 'en' : 'ru'));
  protected readonly themeLabel = computed(() => (this.theme.mode() === 'dark' ? 'theme.toLight' : 'theme.toDark'));
}
