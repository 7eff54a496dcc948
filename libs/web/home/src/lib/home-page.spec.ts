import { HttpTestingController } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { providePageTesting } from '@crm/web/core/testing';
import { HomePage } from './home-page';

const period = {
  from: '2026-10-22',
  to: '2026-11-20',
  newClients: 1,
  returningClients: 1,
  repeatPurchaseRate: 0,
};
const summary = {
  ...period,
  currency: 'RUB',
  revenue: '1500.00',
  salesCount: 3,
  buyers: 2,
  averageOrderValue: '500.00',
  warnings: [],
  previous: { ...period, revenue: '1000.00', salesCount: 3, buyers: 0, averageOrderValue: '333.33' },
  change: {},
};

const forecast = {
  model: 'Combination(ETS(A,N,N), Theta, ARIMA(0,1,1))',
  points: [
    {
      period: '2026-11-01',
      revenue: '1200.00',
      lower80: '900.00',
      upper80: '1500.00',
      lower95: '700.00',
      upper95: '1700.00',
    },
  ],
  backtest: {
    mase: 1.72,
    smape: 30.1,
    horizon: 3,
    benchmark: { model: 'Naive', mase: 2.31, smape: 41 },
    fallback: false,
  },
  currency: 'RUB',
  granularity: 'month',
  asOf: '2026-11-20',
  history: [{ period: '2026-10-01', revenue: '1000.00' }],
  lastRevenuePeriod: '2026-10-01',
  emptyRecentPeriods: 0,
  recentHistoryEmpty: false,
  notes: [],
  warnings: [],
};

const noReports = { items: [], total: 0, page: 1, pageSize: 1 };

describe('HomePage', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: providePageTesting({
        activeId: signal('c1'),
        active: signal({ id: 'c1', name: 'ООО Ромашка', role: 'owner' }),
        me: signal({ id: 'u1', login: 'anna', companies: [] }),
      }),
    });
  });

  async function render(
    keys: unknown[],
    members: unknown[],
    reports: unknown = noReports,
    recommendations: unknown = { asOf: null, locale: 'ru', items: [] },
    deals: { today: number; overdue: number; pipelines: unknown[] } = { today: 0, overdue: 0, pipelines: [] },
  ): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(HomePage);
    fixture.detectChanges();
    const backend = TestBed.inject(HttpTestingController);
    backend
      .expectOne(
        (req) => req.url === '/api/companies/c1/assistant/recommendations' && req.params.get('locale') === 'ru',
      )
      .flush(recommendations);
    backend.expectOne('/api/companies/c1/api-keys').flush(keys);
    backend.expectOne('/api/companies/c1/members').flush(members);
    const page = (total: number) => ({ items: [], total, page: 1, pageSize: 1 });
    backend.expectOne((req) => req.url === '/api/companies/c1/clients').flush(page(42));
    backend.expectOne((req) => req.url === '/api/companies/c1/sales').flush(page(0));
    backend.expectOne((req) => req.url === '/api/companies/c1/reports').flush(reports);
    backend.expectOne((req) => req.url === '/api/companies/c1/analytics/summary').flush(summary);
    backend
      .expectOne((req) => req.url === '/api/companies/c1/analytics/timeseries')
      .flush({ currency: 'RUB', granularity: 'day', from: '', to: '', points: [], warnings: [] });
    backend.expectOne((req) => req.url === '/api/companies/c1/analytics/forecast').flush(forecast);
    const tasks = backend.match((req) => req.url === '/api/companies/c1/tasks');
    expect(tasks.map((req) => req.request.params.get('due')).sort()).toEqual(['overdue', 'today']);
    for (const req of tasks) {
      expect(req.request.params.get('assigneeId')).toBe('u1');
      expect(req.request.params.get('done')).toBe('false');
      req.flush(page(req.request.params.get('due') === 'today' ? deals.today : deals.overdue));
    }
    backend.expectOne('/api/companies/c1/pipelines').flush(deals.pipelines);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('counts my tasks for today and the overdue ones, and the value of the open deals per currency', async () => {
    const stage = (kind: string, dealCount: number, totals: unknown[]) => ({ id: kind, kind, dealCount, totals });
    const pipelines = [
      {
        id: 'p1',
        stages: [
          stage('open', 2, [{ currency: 'RUB', amount: '150000.00' }]),
          stage('won', 5, [{ currency: 'RUB', amount: '999999.00' }]),
        ],
      },
      { id: 'p2', stages: [stage('open', 1, [{ currency: 'RUB', amount: '500.50' }])] },
    ];
    const element = await render([], [], noReports, undefined, { today: 3, overdue: 1, pipelines });
    expect(element.querySelector('[data-testid="tasks-today"]')?.textContent?.trim()).toBe('3 задачи на сегодня');
    expect(element.querySelector('[data-testid="tasks-overdue"]')?.textContent?.trim()).toBe('и 1 просрочена');
    expect(element.querySelector('[data-testid="pipeline-value"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'В воронке: 150 500,50 ₽ · 3 открытые сделки',
    );

    const calm = await render([], [], noReports);
    expect(calm.querySelector('[data-testid="tasks-today"]')?.textContent?.trim()).toBe('На сегодня задач нет.');
    expect(calm.querySelector('[data-testid="pipeline-value"]')).toBeNull();
  });

  it("shows the assistant's recommendations for today, each linking to its client", async () => {
    const element = await render([], [{ userId: 'u1', login: 'anna', role: 'owner' }], noReports, {
      asOf: '2026-12-01',
      locale: 'ru',
      items: [
        {
          title: 'Вернуть ценного клиента',
          reason: '14 покуп., последняя 10.03.2025',
          action: 'win_back',
          clientId: 'k1',
          clientName: 'Sofia Garcia',
          numbers: {},
        },
        {
          title: 'Пора повторной покупки',
          reason: 'обычно покупает раз в 20 дн.',
          action: 'follow_up',
          clientId: 'k2',
          clientName: null,
          numbers: {},
        },
      ],
    });
    const links = Array.from(element.querySelectorAll('[data-testid="assistant-recommendation"]'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/clients/k1', '/clients/k2']);
    expect(links[0].textContent).toContain('Вернуть ценного клиента · Sofia Garcia');
    expect(links[1].textContent).toContain('· клиент');
    expect(element.textContent).toContain('обычно покупает раз в 20 дн.');

    const none = await render([], [{ userId: 'u1', login: 'anna', role: 'owner' }]);
    expect(none.textContent).toContain('Пока нечего рекомендовать');
  });

  it('greets the user in the company and shows the tasks, assistant, clients, sales, reports, API key and members tiles', async () => {
    const element = await render([], [{ userId: 'u1', login: 'anna', role: 'owner' }]);

    expect(element.querySelector('h1')?.textContent).toMatch(/, anna$/);
    expect(element.textContent).toContain('Компания: ООО Ромашка');
    const tiles = Array.from(element.querySelectorAll('crm-home-tile a')).map((link) => link.getAttribute('href'));
    expect(tiles).toEqual(['/tasks', '/assistant', '/clients', '/sales', '/reports', '/keys', '/company']);
    expect(element.querySelector('[data-testid="clients-count"]')?.textContent?.trim()).toBe('42 клиента');
  });

  it('counts the reports and names the latest; invites to build one when there is none', async () => {
    const latest = {
      id: 'r1',
      type: 'sales-overview',
      title: 'Продажи за ноябрь',
      status: 'ready',
      createdAt: new Date(Date.now() - 3_600_000).toISOString(),
      updatedAt: new Date(Date.now() - 3_600_000).toISOString(),
    };
    const element = await render([], [{ userId: 'u1', login: 'anna', role: 'owner' }], {
      items: [latest],
      total: 3,
      page: 1,
      pageSize: 1,
    });
    expect(element.querySelector('[data-testid="reports-count"]')?.textContent?.trim()).toBe('3 отчёта');
    expect(element.querySelector('[data-testid="reports-latest"]')?.textContent).toContain(
      'Последний: Продажи за ноябрь · 1 час назад',
    );

    const empty = await render([], [{ userId: 'u1', login: 'anna', role: 'owner' }]);
    expect(empty.textContent).toContain('Отчётов пока нет. Сформируйте первый.');
  });

  it('invites to create a key when there is none and counts members', async () => {
    const members = ['anna', 'ivan', 'olga'].map((login, index) => ({ userId: `u${index}`, login, role: 'member' }));
    const element = await render([], members);

    expect(element.textContent).toContain('Ключа ещё нет');
    expect(element.querySelector('[data-testid="members-count"]')?.textContent?.trim()).toBe('3 участника');
  });

  it('shows the active key masked with its use', async () => {
    const element = await render(
      [
        {
          id: 'k1',
          name: 'Магазин',
          prefix: 'crm_live_3fA9',
          createdAt: '2026-11-01T10:00:00Z',
          lastUsedAt: null,
          revokedAt: null,
        },
      ],
      [{ userId: 'u1', login: 'anna', role: 'owner' }],
    );

    expect(element.textContent).toContain('crm_live_3fA9••••••••••••');
    expect(element.textContent).toContain('Ещё не использовался');
    expect(element.textContent).toContain('1 активный ключ');
  });

  it('shows the KPIs of the last 30 days with their change against the 30 before', async () => {
    const element = await render([], [{ userId: 'u1', login: 'anna', role: 'owner' }]);
    const card = (id: string) => element.querySelector(`[data-testid="kpi-${id}"]`)?.textContent?.replace(/\s+/g, ' ');

    expect(card('revenue')).toContain('1 500,00 ₽');
    expect(card('revenue')).toContain('+50 %');
    expect(card('revenue')).toContain('было 1 000,00 ₽');
    expect(card('sales')).toContain('без изменений');
    expect(card('buyers')).toContain('нет данных за прошлый период');
    expect(card('buyers')).not.toContain('было');
  });
});
