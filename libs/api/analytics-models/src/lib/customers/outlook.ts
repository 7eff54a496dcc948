/**
 * Per-customer outlook: probability of being alive, expected purchases and expected value over
 * a horizon, from a BG/NBD purchase model and a Gamma-Gamma spend model.
 */
import { BgNbdFit, BgNbdFitOptions, bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive, fitBgNbd } from './bgnbd';
import { GammaGammaFit, fitGammaGamma, gammaGammaConditionalExpectedValue } from './gamma-gamma';
import { CalibrationSummary, DAYS_PER_TIME_UNIT, TimeUnit } from './summary';

/** Both fitted models plus the time unit their parameters are expressed in. */
export interface CustomerModels {
  /** Unit of the BG/NBD α parameter (that of the summary the models were fitted on). */
  timeUnit: TimeUnit;
  bgnbd: BgNbdFit;
  gammaGamma: GammaGammaFit;
}

/** Forecast for one customer. */
export interface CustomerOutlook {
  customerId: string;
  /** Probability that the customer is still active at the calibration end. */
  pAlive: number;
  /** Expected number of purchases (distinct purchase days) in the horizon. */
  expectedPurchases: number;
  /** Expected value of one purchase (Gamma-Gamma conditional mean). */
  expectedAverageValue: number;
  /** expectedPurchases × expectedAverageValue. */
  expectedValue: number;
}

/** Options for {@link customerOutlook}. */
export interface CustomerOutlookOptions {
  /** Forecast horizon after the calibration end, in days (converted to the models' unit). */
  horizonDays: number;
}

/**
 * Fits BG/NBD on every customer's (x, t_x, T) and Gamma-Gamma on the repeat customers'
 * average repeat-transaction values, both from one calibration summary.
 */
export function fitCustomerModels(summary: CalibrationSummary, options: BgNbdFitOptions = {}): CustomerModels {
  return {
    timeUnit: summary.timeUnit,
    bgnbd: fitBgNbd(summary.customers, options),
    gammaGamma: fitGammaGamma(summary.customers.map((c) => ({ x: c.x, averageValue: c.averageRepeatValue }))),
  };
}

/**
 * Forecasts every customer of `summary` over the next `horizonDays` days after its
 * calibration end.
 *
 * @throws RangeError if the summary's time unit differs from the one the models were fitted in.
 */
export function customerOutlook(
  models: CustomerModels,
  summary: CalibrationSummary,
  options: CustomerOutlookOptions,
): CustomerOutlook[] {
  if (summary.timeUnit !== models.timeUnit) {
    throw new RangeError(
      `customerOutlook: summary is in ${summary.timeUnit} but the models were fitted in ${models.timeUnit}`,
    );
  }
  const horizon = options.horizonDays / DAYS_PER_TIME_UNIT[models.timeUnit];
  const bgnbd = models.bgnbd.params;
  const spend = models.gammaGamma.params;
  return summary.customers.map((customer) => {
    const expectedPurchases = bgnbdConditionalExpectedPurchases(bgnbd, customer, horizon);
    const expectedAverageValue = gammaGammaConditionalExpectedValue(spend, {
      x: customer.x,
      averageValue: customer.averageRepeatValue,
    });
    return {
      customerId: customer.customerId,
      pAlive: bgnbdProbabilityAlive(bgnbd, customer),
      expectedPurchases,
      expectedAverageValue,
      expectedValue: expectedPurchases * expectedAverageValue,
    };
  });
}
