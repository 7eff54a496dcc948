/** Reader for the M3 monthly files in `../shared/data/m3-monthly` (see the README there). */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One M3 series: training values `x`, held-out values `y` and its category. */
export interface M3Series {
  id: string;
  category: string;
  x: number[];
  y: number[];
}

/** Folder of the data set, relative to the repository root. */
export const M3_DIR = resolve(__dirname, '../../../shared/data/m3-monthly');

const FILES = ['train.csv.gz', 'test.csv.gz', 'meta.csv.gz'];

/** True when all three files are present. */
export function m3Available(): boolean {
  return FILES.every((f) => existsSync(join(M3_DIR, f)));
}

function readRows(file: string): string[][] {
  return gunzipSync(readFileSync(join(M3_DIR, file)))
    .toString('utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(','));
}

/**
 * Loads the 1,428 series. With `validation`, the last 18 training values become the held-out part
 * (the test file is not read), which allows tuning without looking at the test data.
 */
export function loadM3(validation: boolean): M3Series[] {
  const train = readRows('train.csv.gz');
  const test = validation ? [] : readRows('test.csv.gz');
  const category = new Map(
    readRows('meta.csv.gz')
      .slice(1)
      .map((r) => [r[0], r[1]]),
  );
  return train.map((row, i) => {
    const id = row[0];
    const values = row.slice(1).map(Number);
    if (validation)
      return {
        id,
        category: category.get(id) ?? '?',
        x: values.slice(0, -18),
        y: values.slice(-18),
      };
    if (test[i][0] !== id) throw new Error(`train/test rows out of order at ${id}`);
    return {
      id,
      category: category.get(id) ?? '?',
      x: values,
      y: test[i].slice(1).map(Number),
    };
  });
}
