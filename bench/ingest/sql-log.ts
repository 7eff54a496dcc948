/**
 * Where the SQL time goes: with BENCH_PROFILE=1 the benchmark database logs every statement's
 * duration (`log_min_duration_statement = 0`, parameters not logged), and the lines the server
 * wrote during the API run are grouped by statement.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { withClient } from './postgres';

export const DEFAULT_SERVER_LOG = '/var/log/postgresql/postgresql-15-main.log';

export async function logStatementDurations(adminUrl: string, database: string): Promise<void> {
  await withClient(adminUrl, async (c) => {
    await c.query(`ALTER DATABASE ${database} SET log_min_duration_statement = 0`);
    await c.query(`ALTER DATABASE ${database} SET log_parameter_max_length = 0`);
  });
}

export const logSize = (file: string) => (existsSync(file) ? statSync(file).size : 0);

function readFrom(file: string, offset: number): string {
  const length = logSize(file) - offset;
  if (length <= 0) return '';
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, offset);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}

export interface StatementTime {
  statement: string;
  count: number;
  ms: number;
}

const ENTRY = /^\S+ \S+ \S+ \[\d+\] \S*@(\S+) LOG:\s+duration: ([\d.]+) ms\s+(.*)$/;

/** Durations logged for `database` after `offset`, grouped by the statement's first words. */
export function statementTimes(file: string, offset: number, database: string): StatementTime[] {
  const groups = new Map<string, StatementTime>();
  const lines = readFrom(file, offset).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = ENTRY.exec(lines[i]);
    if (!match || match[1] !== database) continue;
    // The statement continues on the following lines until the next log entry.
    let text = match[3];
    for (let j = i + 1; j < lines.length && !/^\d{4}-\d{2}-\d{2} /.test(lines[j]) && text.length < 400; j++) {
      text += ` ${lines[j].trim()}`;
    }
    const statement = text.replace(/\s+/g, ' ').slice(0, 110);
    const group = groups.get(statement) ?? { statement, count: 0, ms: 0 };
    group.count++;
    group.ms += Number(match[2]);
    groups.set(statement, group);
  }
  return [...groups.values()].sort((a, b) => b.ms - a.ms);
}

export function printStatementTimes(times: StatementTime[], wallSeconds: number): void {
  const total = times.reduce((sum, t) => sum + t.ms, 0);
  console.log(
    `\nSQL time during the API sales run: ${(total / 1000).toFixed(1)} s in ${times.reduce((s, t) => s + t.count, 0)} ` +
      `logged steps (parse/bind/execute), over ${wallSeconds.toFixed(1)} s of wall time`,
  );
  for (const t of times.slice(0, 20)) {
    console.log(`  ${(t.ms / 1000).toFixed(2).padStart(8)} s ${String(t.count).padStart(6)}×  ${t.statement}`);
  }
}
