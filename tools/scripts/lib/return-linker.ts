/**
 * Links the Online Retail cancellations (`C…` invoices, negative quantities) to the sales they give
 * back. The data do not say which invoice a cancellation reverses, so each returned line is taken
 * from the customer's latest earlier sales that still have that product unreturned at no lower a
 * price (newest first) — the rules the API checks: per product at most the quantity left, at most
 * the original's price, and per sale at most the amount left. A cancellation spanning several
 * sales becomes one return per sale (`C581490`, `C581490-2`, …); lines no earlier sale of the data
 * can take (discounts, fees, goods bought before the data begin, zero prices) stay together as a
 * `refunded` record (`C581490` or `C581490-rest`), as before, which revenue ignores.
 */
import { formatDecimal, type Micros, parseDecimal, roundHalfUp } from './decimal';
import type { SaleBatchItem } from './integration-api';
import type { RetailInvoice, RetailLine } from './online-retail';
import { invoiceAmount, isCancellation, toSale, unitPriceText } from './online-retail-mapping';

const PENCE = 2;

/** What one sale still has to give back. */
interface Returnable {
  externalId: string;
  /** In micros, whole pence. */
  left: Micros;
  /** Per StockCode: quantity left and the highest unit price of the sale's lines. */
  products: Map<string, { left: number; price: Micros }>;
}

interface Part {
  original: Returnable;
  lines: { line: RetailLine; quantity: number }[];
}

export class ReturnLinker {
  /** Per customer, their sales so far, oldest first. */
  private readonly sales = new Map<string, Returnable[]>();

  /** The records of an invoice: its sale, or its returns (and what none could take back). */
  map(invoice: RetailInvoice): SaleBatchItem[] {
    if (!isCancellation(invoice.invoiceNo)) {
      this.remember(invoice);
      return [toSale(invoice)];
    }
    const parts = new Map<Returnable, Part>();
    const rest: RetailLine[] = [];
    for (const line of invoice.lines) {
      let wanted = -line.quantity;
      const price = parseDecimal(line.unitPrice);
      if (wanted <= 0) continue; // nothing given back
      if (price <= 0n) {
        rest.push(line);
        continue;
      }
      for (const original of [...(this.sales.get(invoice.customerId) ?? [])].reverse()) {
        const product = original.products.get(line.stockCode);
        if (!product || product.left <= 0 || price > product.price) continue;
        const taken = Math.min(wanted, product.left);
        product.left -= taken;
        wanted -= taken;
        const part = parts.get(original) ?? { original, lines: [] };
        part.lines.push({ line, quantity: taken });
        parts.set(original, part);
        if (wanted === 0) break;
      }
      if (wanted > 0) rest.push({ ...line, quantity: -wanted });
    }
    const records: SaleBatchItem[] = [];
    for (const part of parts.values()) {
      const exact = part.lines.reduce((sum, l) => sum + BigInt(l.quantity) * parseDecimal(l.line.unitPrice), 0n);
      let amount = roundHalfUp(exact, PENCE);
      if (amount > part.original.left) amount = part.original.left;
      if (amount <= 0n) {
        // Nothing of its money is left to give back: undo, keep these lines with the rest.
        for (const l of part.lines) {
          (part.original.products.get(l.line.stockCode) as { left: number }).left += l.quantity;
          rest.push({ ...l.line, quantity: -l.quantity });
        }
        continue;
      }
      part.original.left -= amount;
      const sale = toSale({ ...invoice, lines: part.lines.map((l) => ({ ...l.line, quantity: -l.quantity })) });
      records.push({
        ...sale,
        externalId: records.length === 0 ? invoice.invoiceNo : `${invoice.invoiceNo}-${records.length + 1}`,
        amount: formatDecimal(amount, PENCE),
        status: 'paid',
        kind: 'return',
        returnOf: part.original.externalId,
      });
    }
    if (rest.length > 0) {
      const refunded = toSale({ ...invoice, lines: rest });
      records.push({ ...refunded, externalId: records.length ? `${invoice.invoiceNo}-rest` : invoice.invoiceNo });
    }
    return records;
  }

  private remember(invoice: RetailInvoice): void {
    const products = new Map<string, { left: number; price: Micros }>();
    for (const line of invoice.lines) {
      if (line.quantity <= 0) continue;
      const price = parseDecimal(unitPriceText(line.unitPrice));
      const product = products.get(line.stockCode) ?? { left: 0, price: 0n };
      product.left += line.quantity;
      if (price > product.price) product.price = price;
      products.set(line.stockCode, product);
    }
    const left = invoiceAmount(invoice);
    if (left <= 0n || products.size === 0) return;
    const history = this.sales.get(invoice.customerId) ?? [];
    history.push({ externalId: invoice.invoiceNo, left, products });
    this.sales.set(invoice.customerId, history);
  }
}
