/**
 * Seeded pseudo-random sampling for simulations (reproducible synthetic customer bases).
 */

/** A source of uniform deviates in [0, 1). */
export type UniformSource = () => number;

/**
 * Small, fast seeded generator (mulberry32, 32-bit state). Good enough for Monte Carlo
 * checks and benchmarks; not for cryptography.
 */
export function createSeededRandom(seed: number): UniformSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform deviate in (0, 1): never exactly 0, so it is safe to take its logarithm. */
function openUniform(random: UniformSource): number {
  let u = random();
  while (u === 0) {
    u = random();
  }
  return u;
}

function standardNormal(random: UniformSource): number {
  // Box–Muller; one of the pair is discarded to keep the sampler stateless.
  return Math.sqrt(-2 * Math.log(openUniform(random))) * Math.cos(2 * Math.PI * random());
}

/**
 * Gamma(shape, rate) deviate (mean shape / rate), by Marsaglia & Tsang (2000); shapes below 1
 * use the boost Gamma(k) = Gamma(k + 1) · U^{1/k}.
 */
export function sampleGamma(random: UniformSource, shape: number, rate: number): number {
  if (!(shape > 0 && rate > 0)) {
    throw new RangeError(`sampleGamma: shape and rate must be positive (got ${shape}, ${rate})`);
  }
  if (shape < 1) {
    return sampleGamma(random, shape + 1, rate) * Math.pow(openUniform(random), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(random);
    const v0 = 1 + c * x;
    if (v0 <= 0) {
      continue;
    }
    const v = v0 * v0 * v0;
    if (Math.log(openUniform(random)) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
      return (d * v) / rate;
    }
  }
}

/** Beta(a, b) deviate, as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function sampleBeta(random: UniformSource, a: number, b: number): number {
  const x = sampleGamma(random, a, 1);
  const y = sampleGamma(random, b, 1);
  return x / (x + y);
}

/** Exponential deviate with the given rate. */
export function sampleExponential(random: UniformSource, rate: number): number {
  return -Math.log(openUniform(random)) / rate;
}
