import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { ApiKeyResponse } from '@crm/shared/contracts';
import { LocalDatePipe, LocalDateTimePipe, RelativeTimePipe, TranslatePipe } from '@crm/web/i18n';
import { IconAction, KeyMask } from '@crm/web/ui';

/** One key: name, masked or revealed secret, dates; the actions only for those who may use them. */
@Component({
  selector: 'crm-key-row',
  imports: [
    IconAction,
    KeyMask,
    LocalDatePipe,
    LocalDateTimePipe,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    MatTooltipModule,
    RelativeTimePipe,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './key-row.html',
  styleUrl: './key-row.scss',
  host: { '[class.revoked]': '!!apiKey().revokedAt', 'data-testid': 'key-row' },
})
export class KeyRow {
  readonly apiKey = input.required<ApiKeyResponse>();
  /** The full key once revealed. */
  readonly secret = input<string | null>(null);
  readonly canManage = input(false);
  readonly busy = input(false);

  readonly reveal = output<void>();
  readonly hide = output<void>();
  readonly copyKey = output<void>();
  readonly rotate = output<void>();
  readonly revoke = output<void>();
}
