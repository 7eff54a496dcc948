import { afterNextRender, DestroyRef, ElementRef, inject, type Signal, signal } from '@angular/core';

/**
 * The width in px of the component's host element, followed as the window or the layout changes
 * (a ResizeObserver from the first render on): a chart spaces its axis labels by it. `initial`
 * until then, where there is no ResizeObserver (tests) and while the host has no width.
 * Call it in an injection context (a component's field).
 */
export function hostWidth(initial = 640): Signal<number> {
  const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  const destroyRef = inject(DestroyRef);
  const width = signal(initial);
  afterNextRender(() => {
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => width.set(host.clientWidth || initial));
    observer.observe(host);
    destroyRef.onDestroy(() => observer.disconnect());
  });
  return width.asReadonly();
}
