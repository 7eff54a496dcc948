import { inject, Injectable } from '@angular/core';
import { ClipboardWriter } from '@crm/web/core';
import { I18n, type TranslationKey } from '@crm/web/i18n';
import { Toasts } from '@crm/web/ui';

/** Copies a key or an example and confirms it in a snackbar. */
@Injectable({ providedIn: 'root' })
export class KeyClipboard {
  private readonly writer = inject(ClipboardWriter);
  private readonly toasts = inject(Toasts);
  private readonly i18n = inject(I18n);

  async copy(text: string, confirmation: TranslationKey = 'apiKeys.copied'): Promise<boolean> {
    const copied = await this.writer.copy(text);
    this.toasts.said(this.i18n.t(copied ? confirmation : 'apiKeys.copyFailed'), 4000);
    return copied;
  }
}
