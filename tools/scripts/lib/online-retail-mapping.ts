/**
 * How the Online Retail data become CRM records (see tools/demo-data/README.md):
 * a client per CustomerID, a sale per invoice. Cancellation invoices (`C…`) become returns
 * (`kind: 'return'`) linked to the customer's earlier sales by {@link ReturnLinker}; what no
 * earlier sale of the data can take back (discounts, fees, goods bought before December 2010) is
 * kept as a sale with status `refunded` of the returned (positive) values, which revenue ignores.
 */
import { zonedLocalToIso } from '@crm/shared/contracts';
import { formatDecimal, type Micros, parseDecimal, roundHalfUp } from './decimal';
import type { RetailInvoice } from './online-retail';
import type { ClientBatchItem, SaleBatchItem } from './integration-api';

export const RETAIL_TIME_ZONE = 'Europe/London';
export const RETAIL_CURRENCY = 'GBP';
const GBP_MINOR_DIGITS = 2;

export function isCancellation(invoiceNo: string): boolean {
  return invoiceNo.startsWith('C');
}

export function toClient(customerId: string, country: string): ClientBatchItem {
  return {
    externalId: customerId,
    name: `Customer ${customerId}`,
    attributes: { country },
  };
}

/** Σ quantity × unitPrice, exactly, rounded half-up to pence once at the end. */
export function invoiceAmount(invoice: RetailInvoice): Micros {
  let total = 0n;
  for (const line of invoice.lines) {
    total += BigInt(line.quantity) * parseDecimal(line.unitPrice);
  }
  return roundHalfUp(total, GBP_MINOR_DIGITS);
}

/** The earliest line time: a few invoices have lines a minute or two apart. */
function invoiceLocalTime(invoice: RetailInvoice): string {
  return invoice.lines.reduce(
    (min, line) => (line.invoiceDate < min ? line.invoiceDate : min),
    invoice.lines[0].invoiceDate,
  );
}

/**
 * A unit price with at least pence (`"2.5"` → `"2.50"`) and its sub-penny digits, up to the four
 * the API keeps (`"0.001"` stays `"0.001"`).
 */
export function unitPriceText(text: string): string {
  const digits = Math.min(4, Math.max(GBP_MINOR_DIGITS, (text.trim().split('.')[1] ?? '').length));
  return formatDecimal(roundHalfUp(parseDecimal(text), digits), digits);
}

export function toSale(invoice: RetailInvoice): SaleBatchItem {
  const refund = isCancellation(invoice.invoiceNo);
  const amount = invoiceAmount(invoice);
  return {
    externalId: invoice.invoiceNo,
    clientExternalId: invoice.customerId,
    amount: formatDecimal(refund ? -amount : amount, GBP_MINOR_DIGITS),
    currency: RETAIL_CURRENCY,
    soldAt: zonedLocalToIso(invoiceLocalTime(invoice), RETAIL_TIME_ZONE),
    status: refund ? 'refunded' : 'paid',
    items: invoice.lines.map((line) => ({
      sku: line.stockCode,
      name: line.description.trim() || line.stockCode,
      quantity: refund ? -line.quantity : line.quantity,
      unitPrice: unitPriceText(line.unitPrice),
    })),
  };
}
