/**
 * How the Online Retail data become CRM records (see tools/demo-data/README.md):
 * a client per CustomerID, a sale per invoice. Cancellation invoices (`C…`) are kept as sales
 * with status `refunded` whose amount and quantities are the returned (positive) values, so a
 * client's history shows the return while revenue (paid sales only) is not reduced twice.
 */
import { formatDecimal, type Micros, parseDecimal, roundHalfUp } from './decimal';
import type { RetailInvoice } from './online-retail';
import type { ClientBatchItem, SaleBatchItem } from './integration-api';
import { zonedLocalToIso } from './zoned-time';

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
 * A unit price in pence (`"2.5"` → `"2.50"`): the API accepts item prices with the currency's
 * minor digits only, so the four sub-penny prices of the file (`0.001`) are rounded half-up on
 * the item; the sale amount is still computed from the exact values.
 */
function unitPriceText(text: string): string {
  return formatDecimal(roundHalfUp(parseDecimal(text), GBP_MINOR_DIGITS), GBP_MINOR_DIGITS);
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
