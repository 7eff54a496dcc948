import type { PipelineResponse } from '@crm/shared/contracts';

/** A sum of money in one currency, as a decimal string with the currency's minor digits. */
export interface CurrencySum {
  currency: string;
  amount: string;
}

/** Exact decimal addition of `"1234.50"`-style strings (no floating point drift on large sums). */
export function addDecimal(a: string, b: string): string {
  const scale = Math.max(fraction(a), fraction(b));
  return fromMinor(toMinor(a, scale) + toMinor(b, scale), scale);
}

function fraction(value: string): number {
  const dot = value.indexOf('.');
  return dot === -1 ? 0 : value.length - dot - 1;
}

function toMinor(value: string, scale: number): bigint {
  const negative = value.startsWith('-');
  const [whole, part = ''] = (negative ? value.slice(1) : value).split('.');
  const minor = BigInt((whole || '0') + part.padEnd(scale, '0'));
  return negative ? -minor : minor;
}

function fromMinor(minor: bigint, scale: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** Sums per currency, the largest first; amounts in different currencies are never added up. */
export function sumByCurrency(amounts: Iterable<CurrencySum>): CurrencySum[] {
  const byCurrency = new Map<string, string>();
  for (const { currency, amount } of amounts) {
    byCurrency.set(currency, addDecimal(byCurrency.get(currency) ?? '0', amount));
  }
  return [...byCurrency.entries()]
    .map(([currency, amount]) => ({ currency, amount }))
    .sort((a, b) => Number(b.amount) - Number(a.amount) || a.currency.localeCompare(b.currency));
}

/** The open deals of every pipeline: how many, and their amounts per currency. */
export function openPipelineValue(pipelines: readonly PipelineResponse[]): { count: number; sums: CurrencySum[] } {
  const open = pipelines.flatMap((pipeline) => pipeline.stages.filter((stage) => stage.kind === 'open'));
  return {
    count: open.reduce((count, stage) => count + stage.dealCount, 0),
    sums: sumByCurrency(open.flatMap((stage) => stage.totals)),
  };
}
