import { inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ClipboardWriter } from '@crm/web/core';
import { I18n, type TranslationKey } from '@crm/web/i18n';

/** Copies a key or an example and confirms it in a snackbar. */
@Injectable({ providedIn: 'root' })
export class KeyClipboard {
  private readonly writer = inject(ClipboardWriter);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);

  async copy(text: string, confirmation: TranslationKey = 'apiKeys.copied'): Promise<boolean> {
    const copied = await this.writer.copy(text);
    this.snackBar.open(this.i18n.t(copied ? confirmation : 'apiKeys.copyFailed'), undefined, { duration: 4000 });
    return copied;
  }
}
