export { forecast } from './forecast';
export type { BacktestSummary, ForecastOptions, ForecastPoint, ForecastResult } from './types';
