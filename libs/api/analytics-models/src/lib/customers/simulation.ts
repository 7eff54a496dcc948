/**
 * Synthetic customer bases drawn from the BG/NBD (and optionally Gamma-Gamma) generative
 * process — for checking that the fits recover known parameters, benchmarks and demo data.
 */
import { createSeededRandom, sampleBeta, sampleExponential, sampleGamma } from '../numeric/random';
import { BgNbdObservation, BgNbdParams } from './bgnbd';
import { GammaGammaParams } from './gamma-gamma';

/** Options for {@link simulateCustomerBase}. */
export interface CustomerBaseSimulationOptions {
  /** Number of customers to draw. */
  customers: number;
  /** True purchase/dropout parameters (α in the time unit of `observationLength`). */
  bgnbd: BgNbdParams;
  /** True spend parameters; without them every `averageValue` is 0. */
  gammaGamma?: GammaGammaParams;
  /** Each customer's T is drawn uniformly from [min, max] (staggered acquisition). */
  observationLength: { min: number; max: number };
  /** Seed of the pseudo-random generator (same seed, same customers). */
  seed: number;
}

/** A simulated customer's calibration history. */
export interface SimulatedCustomer extends BgNbdObservation {
  /** Mean value of the x repeat transactions (0 when x = 0 or without `gammaGamma`). */
  averageValue: number;
}

/**
 * Draws customers from the BG/NBD process: λ ~ Gamma(r, rate α), p ~ Beta(a, b); after the
 * first purchase at time 0, purchases arrive as a Poisson process with rate λ and after each
 * repeat purchase the customer drops out with probability p. With `gammaGamma`, each
 * customer's ν ~ Gamma(q, rate γ) and transaction values are Gamma(p, rate ν).
 */
export function simulateCustomerBase(options: CustomerBaseSimulationOptions): SimulatedCustomer[] {
  const { r, alpha, a, b } = options.bgnbd;
  const { min, max } = options.observationLength;
  if (!(min >= 0 && max >= min)) {
    throw new RangeError(`simulateCustomerBase: invalid observation length range [${min}, ${max}]`);
  }
  const random = createSeededRandom(options.seed);
  const customers: SimulatedCustomer[] = [];
  for (let i = 0; i < options.customers; i++) {
    const T = min + (max - min) * random();
    const rate = sampleGamma(random, r, alpha);
    const dropout = sampleBeta(random, a, b);
    let x = 0;
    let tx = 0;
    let t = sampleExponential(random, rate);
    while (t <= T) {
      x++;
      tx = t;
      if (random() < dropout) {
        break;
      }
      t += sampleExponential(random, rate);
    }
    let averageValue = 0;
    if (options.gammaGamma && x > 0) {
      const { p, q, gamma } = options.gammaGamma;
      const nu = sampleGamma(random, q, gamma);
      averageValue = sampleGamma(random, p * x, nu) / x; // sum of x Gamma(p, ν) values is Gamma(px, ν)
    }
    customers.push({ x, tx, T, averageValue });
  }
  return customers;
}
