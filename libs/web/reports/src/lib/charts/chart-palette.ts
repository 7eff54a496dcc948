import { DOCUMENT } from '@angular/common';
import { computed, inject, Injectable } from '@angular/core';
import { Theme } from '@crm/web/core';
import { type Color, ScaleType } from '@swimlane/ngx-charts';

/** The theme roles a chart paints with, in the order series take them. */
const ROLES = ['primary', 'tertiary', 'secondary', 'error', 'outline'] as const;
/** Used when the theme cannot be read (tests, server rendering). */
const FALLBACK = ['#4355b9', '#7d5260', '#5b5d72', '#ba1a1a', '#767680'];

/**
 * Chart colours taken from the Material theme in force: the CSS variables are resolved through a
 * probe element (they may be `light-dark()` pairs), and read again when the theme switches, so a
 * chart follows light and dark like the rest of the page.
 */
@Injectable({ providedIn: 'root' })
export class ChartPalette {
  private readonly document = inject(DOCUMENT);
  private readonly theme = inject(Theme);

  readonly colors = computed(() => {
    this.theme.mode();
    return this.read();
  });

  /** An ordinal scheme with the theme's colours. */
  readonly scheme = computed<Color>(() => ({
    name: 'crm-theme',
    selectable: true,
    group: ScaleType.Ordinal,
    domain: this.colors(),
  }));

  private read(): string[] {
    const view = this.document.defaultView;
    const body = this.document.body;
    if (!view || !body) return FALLBACK;
    const probe = this.document.createElement('span');
    probe.style.display = 'none';
    body.appendChild(probe);
    try {
      return ROLES.map((role, index) => {
        probe.style.color = '';
        probe.style.color = `var(--mat-sys-${role})`;
        const color = view.getComputedStyle(probe).color;
        return color && color !== 'rgba(0, 0, 0, 0)' && probe.style.color ? color : (FALLBACK[index] as string);
      });
    } finally {
      probe.remove();
    }
  }
}

/** `color` mixed with white (`share` of the colour kept), for more series than theme roles. */
export function lighten(color: string, share = 0.55): string {
  const rgb = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  const parts = rgb ? rgb.slice(1, 4).map(Number) : hex ? hex.slice(1, 4).map((h) => parseInt(h, 16)) : null;
  if (!parts) return color;
  const [r, g, b] = parts.map((c) => Math.round(c * share + 255 * (1 - share)));
  return `rgb(${r}, ${g}, ${b})`;
}
