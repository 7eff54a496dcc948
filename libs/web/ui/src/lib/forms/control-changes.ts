import type { Signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { AbstractControl, ControlEvent } from '@angular/forms';
import { switchMap } from 'rxjs';

/**
 * The latest event (value, status, touched…) of a control given to a field component by input.
 * An OnPush field that reads it in its template is refreshed when the form marks its controls
 * touched on submit, so its `mat-error` shows as it would if the field were written inline.
 * Call it in an injection context (a field).
 */
export function controlChanges(control: Signal<AbstractControl>): Signal<ControlEvent | undefined> {
  return toSignal(toObservable(control).pipe(switchMap((c) => c.events)));
}
