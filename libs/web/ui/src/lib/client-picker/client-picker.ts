import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ClientResponse } from '@crm/shared/contracts';
import { ClientsApi } from '@crm/web/data-access';
import { I18n } from '@crm/web/i18n';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';

/** A client's name for a picker: the name, else the e-mail, else the external id. */
export function clientLabel(client: ClientResponse | string | null, i18n: I18n): string {
  if (typeof client === 'string') return client;
  return client ? client.name || client.email || client.externalId || i18n.t('clients.noName') : '';
}

/**
 * Picks a client of the company by name in a form dialog (a full-width field of
 * `crm-dialog-scaffold`'s grid): typing searches the clients (250 ms after typing pauses, ten by
 * name); `control` holds the typed text until a client is picked, then the client. The dialog
 * owns the control and its "required" validator.
 */
@Component({
  selector: 'crm-client-picker',
  imports: [MatAutocompleteModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" class="wide">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        [attr.data-testid]="testId()"
        [formControl]="control()"
        [matAutocomplete]="options"
        [placeholder]="hint()"
      />
      <mat-autocomplete #options [displayWith]="name">
        @for (client of found(); track client.id) {
          <mat-option [value]="client">
            {{ name(client) }}
            @if (withEmail() && client.email && client.name) {
              <small class="muted">{{ client.email }}</small>
            }
          </mat-option>
        }
      </mat-autocomplete>
      <mat-error>{{ error() }}</mat-error>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: contents;
    }
    .muted {
      display: block;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ClientPicker {
  private readonly api = inject(ClientsApi);
  private readonly i18n = inject(I18n);

  readonly control = input.required<FormControl<string | ClientResponse>>();
  readonly companyId = input.required<string>();
  readonly label = input.required<string>();
  readonly hint = input('');
  /** Shown when the control is invalid (no client picked). */
  readonly error = input('');
  readonly testId = input<string | null>(null);
  /** Each option says the client's e-mail under the name too. */
  readonly withEmail = input(false);

  protected readonly found = toSignal(
    toObservable(this.control).pipe(
      switchMap((control) => control.valueChanges),
      map((value) => (typeof value === 'string' ? value.trim() : null)),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((q) =>
        q === null
          ? of([])
          : this.api.list(this.companyId(), { q, pageSize: 10, sort: 'name' }).pipe(
              map((page) => page.items),
              catchError(() => of([])),
            ),
      ),
    ),
    { initialValue: [] as ClientResponse[] },
  );

  protected readonly name = (client: ClientResponse | string | null): string => clientLabel(client, this.i18n);
}
