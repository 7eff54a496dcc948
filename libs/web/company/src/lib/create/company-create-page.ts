import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { COMPANY_NAME_MAX_LENGTH, CompanyContext, describeError, Session } from '@crm/web/core';
import { CompaniesApi } from '@crm/web/data-access';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { BareLayout, InvitationNotice } from '@crm/web/ui';
import { finalize } from 'rxjs';

/** For a user in no company: accept an invitation, create a company (they become its owner), or wait. */
@Component({
  selector: 'crm-company-create-page',
  imports: [
    BareLayout,
    InvitationNotice,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './company-create-page.html',
  styleUrl: './company-create-page.scss',
})
export class CompanyCreatePage {
  private readonly api = inject(CompaniesApi);
  private readonly context = inject(CompanyContext);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  protected readonly session = inject(Session);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(COMPANY_NAME_MAX_LENGTH)]],
  });
  protected readonly busy = signal(false);
  private readonly failure = signal<unknown>(null);
  protected readonly errorText = computed(() => (this.failure() ? describeError(this.failure(), this.i18n) : null));

  protected create(): void {
    const name = this.form.controls.name.value.trim();
    if (this.form.invalid || !name || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.failure.set(null);
    this.api
      .create({ name })
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (company) => {
          this.context.select(company.id);
          void this.enterIfMember();
        },
        error: (error: unknown) => this.failure.set(error),
      });
  }

  protected async enterIfMember(): Promise<void> {
    this.failure.set(null);
    try {
      const me = await this.context.reload();
      if (me.companies.length > 0) await this.router.navigateByUrl('/');
    } catch (error) {
      this.failure.set(error);
    }
  }
}
