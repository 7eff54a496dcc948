import { inject, Pipe, type PipeTransform } from '@angular/core';
import type { TranslationParams } from './dictionaries/dictionary';
import type { TranslationKey } from './dictionaries/index';
import { I18n } from './i18n';

/**
 * `{{ 'auth.login.title' | t }}`, `{{ 'home.members.count' | t: { count: n } }}`.
 * Impure on purpose: it reads the language signal, so the view re-renders on a switch
 * (the signal read marks even OnPush views dirty) and the pipe then yields the new text.
 * The key is typed, so a misspelt key in a template fails the build.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(key: TranslationKey, params?: TranslationParams): string {
    return this.i18n.t(key, params);
  }
}
