import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { type FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { BareLayout } from '@crm/web/ui';

/**
 * The frame of the sign-in and sign-up pages: title, subtitle, an optional notice, the form with
 * its fields (projected; they bind with `[formControl]`, since the `<form>` is here), the error
 * line, the submit button and the line that switches to the other page (keeping `returnUrl`).
 */
@Component({
  selector: 'crm-auth-form',
  imports: [BareLayout, MatButtonModule, ReactiveFormsModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-bare-layout>
      <h1 class="title">{{ title() }}</h1>
      <p class="subtitle">{{ subtitle() }}</p>

      @if (notice(); as text) {
        <p class="notice" role="status">{{ text }}</p>
      }

      <form class="form" [formGroup]="form()" (ngSubmit)="submitted.emit()" novalidate>
        <ng-content />

        @if (errorText(); as text) {
          <p class="form-error" role="alert" data-testid="form-error">{{ text }}</p>
        }

        <button matButton="filled" class="submit" type="submit" [disabled]="disabled()">
          {{ submitLabel() }}
        </button>
      </form>

      <p class="switch">
        {{ switchText() }}
        <a [routerLink]="switchLink()" [queryParams]="returnUrl() ? { returnUrl: returnUrl() } : {}">{{
          switchLabel()
        }}</a>
      </p>
    </crm-bare-layout>
  `,
  styleUrl: './auth-form.scss',
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class AuthForm {
  readonly form = input.required<FormGroup>();
  readonly title = input.required<string>();
  readonly subtitle = input.required<string>();
  /** Said above the form (e.g. that the session expired). */
  readonly notice = input<string | null>(null);
  readonly errorText = input<string | null>(null);
  readonly submitLabel = input.required<string>();
  /** The submit button is disabled (sending, or waiting out a rate limit). */
  readonly disabled = input(false);
  readonly switchText = input.required<string>();
  readonly switchLabel = input.required<string>();
  readonly switchLink = input.required<string>();
  readonly returnUrl = input<string | undefined>();
  readonly submitted = output<void>();
}
