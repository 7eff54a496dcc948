import { Clipboard } from '@angular/cdk/clipboard';
import { inject, Injectable } from '@angular/core';

/** Copies text with the async Clipboard API, falling back to the CDK's selection trick. */
@Injectable({ providedIn: 'root' })
export class ClipboardWriter {
  private readonly fallback = inject(Clipboard);

  async copy(text: string): Promise<boolean> {
    try {
      if (globalThis.navigator?.clipboard?.writeText) {
        await globalThis.navigator.clipboard.writeText(text);
        return true;
      }
    } catch {
      // Permission refused or no secure context: try the fallback below.
    }
    return this.fallback.copy(text);
  }
}
