import { DOCUMENT } from '@angular/common';
import { inject, Injectable, signal } from '@angular/core';

export type ThemeMode = 'light' | 'dark';
export const THEME_STORAGE_KEY = 'crm.theme';

const isThemeMode = (value: unknown): value is ThemeMode => value === 'light' || value === 'dark';

function storedMode(): ThemeMode | null {
  try {
    const value = globalThis.localStorage?.getItem(THEME_STORAGE_KEY);
    return isThemeMode(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Light or dark. Until the user picks one, the system preference decides (the stylesheet's
 * `color-scheme: light dark`); a pick is remembered and set as a class on `<html>`.
 */
@Injectable({ providedIn: 'root' })
export class Theme {
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<ThemeMode>(storedMode() ?? this.systemMode());

  readonly mode = this.current.asReadonly();

  constructor() {
    if (storedMode()) this.apply(this.current());
  }

  toggle(): void {
    this.use(this.current() === 'dark' ? 'light' : 'dark');
  }

  use(mode: ThemeMode): void {
    this.current.set(mode);
    try {
      globalThis.localStorage?.setItem(THEME_STORAGE_KEY, mode);
    } catch {
      // Not remembered, but applied for this tab.
    }
    this.apply(mode);
  }

  private apply(mode: ThemeMode): void {
    const root = this.document.documentElement;
    root.classList.toggle('theme-dark', mode === 'dark');
    root.classList.toggle('theme-light', mode === 'light');
  }

  private systemMode(): ThemeMode {
    return this.document.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
}
