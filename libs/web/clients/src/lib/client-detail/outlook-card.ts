import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import type { ClientOutlookResponse, RecommendedProductResponse } from '@crm/shared/contracts';
import { I18n, LocalNumberPipe, MoneyPipe, TranslatePipe, type TranslationKey } from '@crm/web/i18n';

/** Segment, probability active, expected value over 90 days and the recommended products. */
@Component({
  selector: 'crm-outlook-card',
  imports: [LocalNumberPipe, MatCardModule, MatChipsModule, MoneyPipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined" class="card" data-testid="outlook-card">
      <h2 class="title">{{ 'clients.outlook.title' | t }}</h2>
      @if (outlook().purchases === 0 && !outlook().segment) {
        <p class="muted">{{ 'clients.outlook.noData' | t }}</p>
      } @else {
        <dl class="figures">
          <div>
            <dt>{{ 'clients.outlook.segment' | t }}</dt>
            <dd>
              @if (segmentKey(); as key) {
                <span class="segment" [attr.data-segment]="outlook().segment">{{ key | t }}</span>
              } @else {
                –
              }
            </dd>
          </div>
          <div>
            <dt>{{ 'clients.outlook.pAlive' | t }}</dt>
            <dd class="num">{{ outlook().pAlive | localNumber: percent }}</dd>
          </div>
          <div>
            <dt>{{ 'clients.outlook.expectedValue' | t }}</dt>
            <dd class="num">{{ outlook().expectedValue90d | money: outlook().currency }}</dd>
          </div>
          <div>
            <dt>{{ 'clients.outlook.expectedPurchases' | t }}</dt>
            <dd class="num">{{ outlook().expectedPurchases90d | localNumber: oneDecimal }}</dd>
          </div>
        </dl>
        <h3 class="subtitle">{{ 'clients.outlook.recommended' | t }}</h3>
        @if (outlook().recommendedProducts.length === 0) {
          <p class="muted">{{ 'clients.outlook.noRecommendations' | t }}</p>
        } @else {
          <ul class="products">
            @for (product of topProducts(); track product.product) {
              <li>
                <span class="product">{{ product.name }}</span>
                <span class="reason">{{ reason(product) }}</span>
              </li>
            }
          </ul>
        }
      }
    </mat-card>
  `,
  styles: `
    .card {
      padding: 16px;
    }
    .title {
      margin: 0 0 12px;
      font: var(--mat-sys-title-medium);
    }
    .subtitle {
      margin: 16px 0 8px;
      font: var(--mat-sys-title-small);
    }
    .figures {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
      gap: 12px;
      margin: 0;
    }
    dt {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 2px 0 0;
      font: var(--mat-sys-title-medium);
    }
    .num {
      text-align: start;
      font-variant-numeric: tabular-nums;
    }
    .segment {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-label-large);
    }
    .products {
      margin: 0;
      padding: 0;
      list-style: none;
      display: grid;
      gap: 8px;
    }
    .product {
      display: block;
      color: var(--mat-sys-on-surface);
    }
    .reason,
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .muted {
      margin: 0;
    }
  `,
})
export class OutlookCard {
  private readonly i18n = inject(I18n);
  readonly outlook = input.required<ClientOutlookResponse>();

  protected readonly percent: Intl.NumberFormatOptions = { style: 'percent', maximumFractionDigits: 0 };
  protected readonly oneDecimal: Intl.NumberFormatOptions = { maximumFractionDigits: 1 };
  protected readonly segmentKey = computed<TranslationKey | null>(() => {
    const segment = this.outlook().segment;
    return segment ? (`clients.segments.${segment}` as TranslationKey) : null;
  });
  protected readonly topProducts = computed(() => this.outlook().recommendedProducts.slice(0, 5));

  protected reason(product: RecommendedProductResponse): string {
    const lang = this.i18n.language();
    const pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
    const num = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    const because = this.i18n.t('clients.outlook.because', { items: product.rule.antecedentNames.join(' + ') });
    const stats = this.i18n.t('clients.outlook.ruleStats', {
      confidence: pct.format(product.rule.confidence),
      lift: num.format(product.rule.lift),
    });
    return `${because} · ${stats}`;
  }
}
