import { signal } from '@angular/core';
import type { ReportResponse } from '../report-model';

/** The company the report pages see in specs (`providePageTesting(romashkaOwner())`): ООО Ромашка, its owner signed in. */
export function romashkaOwner() {
  return { activeId: signal('c1'), active: signal({ id: 'c1', name: 'ООО Ромашка', role: 'owner' as const }) };
}

/** A ready sales-trends report as `GET /reports/:id` answers it. */
export function readyReport(overrides: Partial<ReportResponse> = {}): ReportResponse {
  return {
    id: 'r1',
    type: 'sales-trends',
    title: 'Тенденции за осень',
    params: {
      type: 'sales-trends',
      from: '2026-09-01',
      to: '2026-11-30',
      preset: null,
      currency: 'RUB',
      filters: {},
    },
    status: 'ready',
    progress: 1,
    createdBy: { id: 'u1', login: 'anna' },
    sharedWith: { company: false, users: [] },
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    scheduled: false,
    canManage: true,
    snapshotId: 's1',
    error: null,
    stage: null,
    generatedAt: '2026-11-20T10:00:04.000Z',
    schedule: null,
    result: {
      narrator: 'rules',
      summary: {
        currency: 'RUB',
        from: '2026-09-01',
        to: '2026-11-30',
        asOf: '2026-11-30',
        noData: false,
        warnings: [],
        kpis: [
          { key: 'revenue', kind: 'money', value: '1500.00', previous: '1000.00', change: 0.5 },
          { key: 'salesCount', kind: 'integer', value: 3, previous: 3, change: 0 },
          { key: 'repeatPurchaseRate', kind: 'ratio', value: 0.25, previous: 0.2, change: 0.05 },
        ],
      },
      charts: [
        {
          key: 'trend',
          kind: 'line',
          unit: 'money',
          granularity: 'month',
          series: [
            {
              key: 'actual',
              points: [
                { x: '2026-09-01', y: 400 },
                { x: '2026-10-01', y: 600 },
                { x: '2026-11-01', y: 500 },
              ],
            },
            {
              key: 'forecast',
              points: [{ x: '2026-12-01', y: 550, lower80: 450, upper80: 650, lower95: 400, upper95: 700 }],
            },
          ],
        },
        {
          key: 'top-clients',
          kind: 'bar',
          unit: 'money',
          series: [{ key: 'revenue', points: [{ x: 'Анна Петрова', y: 900, clientId: 'c1' }] }],
        },
      ],
      tables: [
        {
          key: 'timeseries',
          columns: [
            { key: 'period', type: 'date' },
            { key: 'revenue', type: 'money' },
            { key: 'salesCount', type: 'integer' },
          ],
          rows: [
            ['2026-09-01', '400.00', 1],
            ['2026-10-01', '600.00', 1],
            ['2026-11-01', '500.00', 1],
          ],
          totalRows: 3,
        },
        {
          key: 'top-clients',
          columns: [
            { key: 'clientId', type: 'client' },
            { key: 'name', type: 'text' },
            { key: 'revenue', type: 'money' },
          ],
          rows: [
            ['c1', 'Анна Петрова', '900.00'],
            ['c2', 'Boris Ivanov', '1200.00'],
            ['c3', 'Ольга Смирнова', '95.50'],
          ],
          totalRows: 3,
        },
      ],
      insights: [
        {
          code: 'revenue-up',
          tone: 'positive',
          text: 'Выручка выросла на 50 % к предыдущему периоду: 1 500,00 ₽ против 1 000,00 ₽.',
          textEn: 'Revenue rose 50% on the previous period: RUB 1,500.00 against RUB 1,000.00.',
          figures: { revenue: '1500.00', previous: '1000.00', change: 0.5 },
        },
      ],
    },
    ...overrides,
  };
}

/** The same report while the job is still building it. */
export function runningReport(progress = 0.4): ReportResponse {
  return readyReport({ status: 'running', progress, stage: 'forecast', result: null, generatedAt: null });
}
