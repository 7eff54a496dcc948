import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { ApiKeyResponse, CreatedApiKeyResponse } from '@crm/shared/contracts';
import { CompanyContext, describeError, valueOr } from '@crm/web/core';
import { ApiKeysApi } from '@crm/web/data-access';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import {
  type ConfirmDialogData,
  EmptyState,
  ErrorState,
  ListSkeleton,
  openConfirm,
  PageHeader,
  Toasts,
} from '@crm/web/ui';
import { catchError, EMPTY, filter, finalize, firstValueFrom, type Observable, switchMap } from 'rxjs';
import { ConnectCard } from './connect/connect-card';
import { CreateKeyDialog, type CreateKeyDialogData } from './dialogs/create-key-dialog';
import { SecretDialog } from './dialogs/secret-dialog';
import { KeyClipboard } from './key-clipboard';
import { KeyRow } from './key-list/key-row';

/**
 * API key (seed figure 15). Everyone in the company sees the keys; only owners and admins get
 * reveal, copy, create, rotate and revoke, and members are told why.
 */
@Component({
  selector: 'crm-api-keys-page',
  imports: [
    ConnectCard,
    EmptyState,
    ErrorState,
    KeyRow,
    ListSkeleton,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    PageHeader,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './api-keys-page.html',
  styleUrl: './api-keys-page.scss',
})
export class ApiKeysPage {
  private readonly api = inject(ApiKeysApi);
  private readonly dialog = inject(MatDialog);
  private readonly toasts = inject(Toasts);
  private readonly clipboard = inject(KeyClipboard);
  private readonly i18n = inject(I18n);
  protected readonly context = inject(CompanyContext);

  protected readonly keys = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params: companyId }) => this.api.list(companyId),
  });
  protected readonly active = computed(() => (valueOr(this.keys, []) ?? []).filter((key) => !key.revokedAt));
  protected readonly revoked = computed(() => (valueOr(this.keys, []) ?? []).filter((key) => !!key.revokedAt));
  protected readonly showRevoked = signal(false);
  /** Secrets fetched so far, by key id; forgotten when the company changes. */
  private readonly secrets = linkedSignal<string | null, Partial<Record<string, string>>>({
    source: () => this.context.activeId(),
    computation: () => ({}),
  });
  /** Keys shown in full. Copying fetches the secret without putting it on screen. */
  private readonly shown = linkedSignal<string | null, ReadonlySet<string>>({
    source: () => this.context.activeId(),
    computation: () => new Set(),
  });
  protected readonly visible = computed(() => {
    const secrets = this.secrets();
    return Object.fromEntries([...this.shown()].map((id) => [id, secrets[id] ?? null])) as Partial<
      Record<string, string | null>
    >;
  });
  protected readonly busyId = signal<string | null>(null);
  protected readonly loadError = computed(() =>
    this.keys.error() ? describeError(this.keys.error(), this.i18n) : null,
  );

  protected async reveal(key: ApiKeyResponse): Promise<void> {
    if (await this.secretOf(key)) this.shown.update((ids) => new Set(ids).add(key.id));
  }

  protected hide(key: ApiKeyResponse): void {
    this.shown.update((ids) => {
      const next = new Set(ids);
      next.delete(key.id);
      return next;
    });
  }

  protected async copy(key: ApiKeyResponse): Promise<void> {
    const secret = await this.secretOf(key);
    if (secret) await this.clipboard.copy(secret);
  }

  protected create(): void {
    const companyId = this.context.activeId();
    if (!companyId) return;
    this.dialog
      .open<CreateKeyDialog, CreateKeyDialogData, CreatedApiKeyResponse>(CreateKeyDialog, {
        data: { companyId },
        width: '520px',
        maxWidth: '94vw',
      })
      .afterClosed()
      .subscribe(() => this.keys.reload());
  }

  protected rotate(key: ApiKeyResponse): void {
    this.confirmThen(
      {
        title: this.i18n.t('apiKeys.rotateConfirm.title', { name: key.name }),
        text: this.i18n.t('apiKeys.rotateConfirm.text'),
        confirm: this.i18n.t('apiKeys.rotateConfirm.confirm'),
      },
      key,
      (companyId) => this.api.rotate(companyId, key.id),
    ).subscribe((rotated) => {
      this.keys.reload();
      this.dialog.open(SecretDialog, { data: rotated, width: '520px', maxWidth: '94vw' });
    });
  }

  protected revoke(key: ApiKeyResponse): void {
    this.confirmThen(
      {
        title: this.i18n.t('apiKeys.revokeConfirm.title', { name: key.name }),
        text: this.i18n.t('apiKeys.revokeConfirm.text'),
        confirm: this.i18n.t('apiKeys.revokeConfirm.confirm'),
        destructive: true,
      },
      key,
      (companyId) => this.api.revoke(companyId, key.id),
    ).subscribe(() => {
      this.hide(key);
      this.keys.reload();
      this.toasts.said(this.i18n.t('apiKeys.revoked'), 4000);
    });
  }

  /** Asks, then runs the call with the key marked busy; failures go to a snackbar. */
  private confirmThen<T>(
    data: ConfirmDialogData,
    key: ApiKeyResponse,
    call: (companyId: string) => Observable<T>,
  ): Observable<T> {
    const companyId = this.context.activeId();
    return openConfirm(this.dialog, data).pipe(
      filter((confirmed) => confirmed && companyId !== null),
      switchMap(() => {
        this.busyId.set(key.id);
        return call(companyId as string).pipe(
          finalize(() => this.busyId.set(null)),
          catchError((error: unknown) => {
            this.showError(error);
            this.keys.reload();
            return EMPTY;
          }),
        );
      }),
    );
  }

  private showError(error: unknown): void {
    this.toasts.failed(error);
  }

  private async secretOf(key: ApiKeyResponse): Promise<string | null> {
    const known = this.secrets()[key.id];
    const companyId = this.context.activeId();
    if (known || !companyId) return known ?? null;
    this.busyId.set(key.id);
    try {
      const { key: secret } = await firstValueFrom(this.api.reveal(companyId, key.id));
      this.secrets.update((secrets) => ({ ...secrets, [key.id]: secret }));
      return secret;
    } catch (error) {
      this.showError(error);
      return null;
    } finally {
      this.busyId.set(null);
    }
  }
}
