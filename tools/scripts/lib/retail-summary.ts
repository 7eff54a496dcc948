/**
 * Figures of an Online Retail file as the CRM will see it after loading (clients, sales by
 * status, totals): printed by make-sample for the README and used to check a load.
 */
import type { Readable } from 'node:stream';
import { formatDecimal, parseDecimal } from './decimal';
import { emptyGroupingStats, groupInvoices, readRetailLines } from './online-retail';
import { ReturnLinker } from './return-linker';

export interface RetailSummary {
  lines: number;
  linesWithoutCustomer: number;
  clients: number;
  sales: number;
  paidSales: number;
  refundedSales: number;
  /** Cancellations linked to their sales as returns (a cancellation may give back several sales). */
  returns: number;
  returnedAmount: string;
  items: number;
  paidAmount: string;
  refundedAmount: string;
  salesPerMonth: Record<string, number>;
  countries: number;
}

export async function summarizeRetailFile(input: Readable): Promise<RetailSummary> {
  const stats = emptyGroupingStats();
  const clients = new Set<string>();
  const countries = new Set<string>();
  const salesPerMonth: Record<string, number> = {};
  let paid = 0n;
  let refunded = 0n;
  let paidSales = 0;
  let refundedSales = 0;
  let returned = 0n;
  let returns = 0;
  let items = 0;
  const linker = new ReturnLinker();
  for await (const invoice of groupInvoices(readRetailLines(input), stats)) {
    clients.add(invoice.customerId);
    countries.add(invoice.country);
    for (const sale of linker.map(invoice)) {
      items += sale.items?.length ?? 0;
      const month = sale.soldAt.slice(0, 7);
      salesPerMonth[month] = (salesPerMonth[month] ?? 0) + 1;
      if (sale.kind === 'return') {
        returns++;
        returned += parseDecimal(sale.amount);
      } else if (sale.status === 'refunded') {
        refundedSales++;
        refunded += parseDecimal(sale.amount);
      } else {
        paidSales++;
        paid += parseDecimal(sale.amount);
      }
    }
  }
  return {
    lines: stats.lines,
    linesWithoutCustomer: stats.linesWithoutCustomer,
    clients: clients.size,
    sales: stats.invoices,
    paidSales,
    refundedSales,
    items,
    paidAmount: formatDecimal(paid, 2),
    refundedAmount: formatDecimal(refunded, 2),
    returns,
    returnedAmount: formatDecimal(returned, 2),
    salesPerMonth,
    countries: countries.size,
  };
}
