import type { PipelineResponse, StageResponse } from '@crm/shared/contracts';
import { addDecimal, openPipelineValue, sumByCurrency } from './money-sums';

const stage = (kind: StageResponse['kind'], dealCount: number, totals: StageResponse['totals']): StageResponse => ({
  id: `${kind}-${dealCount}`,
  pipelineId: 'p',
  name: kind,
  position: 0,
  probability: 0,
  kind,
  dealCount,
  totals,
});

describe('money sums', () => {
  it('adds money exactly, whatever the number of minor digits', () => {
    expect(addDecimal('0.10', '0.20')).toBe('0.30');
    expect(addDecimal('999999999999.99', '0.01')).toBe('1000000000000.00');
    expect(addDecimal('5', '1000')).toBe('1005');
    expect(addDecimal('0', '12.345')).toBe('12.345');
  });

  it('keeps one sum per currency, the largest first', () => {
    expect(
      sumByCurrency([
        { currency: 'USD', amount: '100.00' },
        { currency: 'RUB', amount: '150000.00' },
        { currency: 'USD', amount: '0.10' },
      ]),
    ).toEqual([
      { currency: 'RUB', amount: '150000.00' },
      { currency: 'USD', amount: '100.10' },
    ]);
  });

  it('counts only the open stages of every pipeline in the pipeline value', () => {
    const pipelines = [
      {
        id: 'p1',
        stages: [
          stage('open', 2, [{ currency: 'RUB', amount: '300.00' }]),
          stage('open', 1, [{ currency: 'RUB', amount: '50.50' }]),
          stage('won', 7, [{ currency: 'RUB', amount: '9999.00' }]),
          stage('lost', 3, [{ currency: 'RUB', amount: '100.00' }]),
        ],
      },
      { id: 'p2', stages: [stage('open', 1, [{ currency: 'EUR', amount: '10.00' }])] },
    ] as PipelineResponse[];
    expect(openPipelineValue(pipelines)).toEqual({
      count: 4,
      sums: [
        { currency: 'RUB', amount: '350.50' },
        { currency: 'EUR', amount: '10.00' },
      ],
    });
  });
});
