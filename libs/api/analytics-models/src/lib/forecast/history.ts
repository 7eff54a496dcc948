/** Input clean-up for the forecasting engine. */

/**
 * Replaces non-finite values (NaN, ±Infinity, e.g. missing months) by linear interpolation between the
 * nearest finite neighbours, or by the nearest finite value at the ends. Returns the repaired copy and
 * how many values were replaced; an all-non-finite input becomes empty.
 */
export function repairHistory(series: readonly number[]): {
  values: number[];
  replaced: number;
} {
  const finite = series.map((v) => Number.isFinite(v));
  const replaced = finite.filter((ok) => !ok).length;
  if (replaced === 0) return { values: series.slice(), replaced };
  if (replaced === series.length) return { values: [], replaced };
  const values = series.slice();
  let previous = -1;
  for (let t = 0; t <= values.length; t++) {
    if (t < values.length && !finite[t]) continue;
    // Fill the gap (previous, t) of non-finite values.
    for (let g = previous + 1; g < t; g++) {
      if (previous < 0) values[g] = values[t];
      else if (t === values.length) values[g] = values[previous];
      else values[g] = values[previous] + ((values[t] - values[previous]) * (g - previous)) / (t - previous);
    }
    previous = t;
  }
  return { values, replaced };
}
