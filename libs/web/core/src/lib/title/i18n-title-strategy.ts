import { effect, inject, Injectable, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { I18n, type TranslationKey } from '@crm/web/i18n';

/** A route's `title` is a translation key; this keeps it typed at the route definition. */
export function titleKey(key: TranslationKey): TranslationKey {
  return key;
}

/** `API-ключ · CRM`, re-translated when the language changes. */
@Injectable()
export class I18nTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18n);
  private readonly key = signal<TranslationKey | null>(null);

  constructor() {
    super();
    effect(() => {
      const key = this.key();
      const product = this.i18n.t('app.name');
      this.title.setTitle(key ? `${this.i18n.t(key)} · ${product}` : product);
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.key.set((this.buildTitle(snapshot) as TranslationKey | undefined) ?? null);
  }
}
