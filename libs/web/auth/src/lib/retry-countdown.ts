import { DestroyRef, inject, signal } from '@angular/core';

/** Seconds left before a rate-limited form may be sent again (from `Retry-After`). */
export function retryCountdown() {
  const left = signal(0);
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  inject(DestroyRef).onDestroy(stop);
  return {
    left: left.asReadonly(),
    start(seconds: number): void {
      stop();
      left.set(seconds);
      timer = setInterval(() => {
        left.update((value) => Math.max(0, value - 1));
        if (left() === 0) stop();
      }, 1000);
    },
  };
}
