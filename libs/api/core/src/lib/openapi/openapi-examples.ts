/**
 * Hand-written media-level examples of the OpenAPI document, by `METHOD /path` and status: the
 * integration routes (a batch with one failed item, a feed page with its cursor) and the web API's
 * entry points. Everything else gets an example assembled from its schema's property examples
 * (`completeOpenApiDocument`). Redocly checks each against its schema (`npm run lint:openapi`).
 */
export interface CuratedExample {
  request?: unknown;
  responses?: Record<string, unknown>;
}

const CLIENT = {
  id: '3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10',
  externalId: 'C-10042',
  email: 'ivan.petrov@example.ru',
  name: 'Иван Петров',
  phone: '+7 900 123-45-67',
  activity: 'Розничная торговля',
  attributes: { city: 'Казань', segment: 'B2C' },
  lastInteractionAt: '2026-11-20T07:15:00.000Z',
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-20T07:16:00.000Z',
};

const SALE = {
  id: '9b2d7c1e-4f3a-4e8b-8c6d-1a2b3c4d5e6f',
  externalId: 'INV-536365',
  clientId: CLIENT.id,
  clientExternalId: CLIENT.externalId,
  amount: '1530.00',
  currency: 'RUB',
  soldAt: '2026-11-20T07:15:00.000Z',
  status: 'paid',
  kind: 'sale',
  returnOf: null,
  items: [{ sku: '85123A', name: 'Подсвечник «Сердце»', quantity: 6, unitPrice: '255.00' }],
  createdAt: '2026-11-20T07:16:00.000Z',
  updatedAt: '2026-11-20T07:16:00.000Z',
};

/** `v2:10042:<id>` as the feed encodes it: opaque to integrators. */
const CURSOR = 'djI6MTAwNDI6M2YwYzJhOWUtNmMxZC00YzU1LTliNTctMGQ3YjllMWIyZjEw';

const AUTH = {
  accessToken:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2YzFmMGQwZS04YTBlLTRjNTktOWE4My01YTNmMGIyZjRhMTEifQ.c2lnbmF0dXJl',
  refreshToken: 'rt_8Jk2mQ9vX4pL7sN1cF6hT3wZ0yB5dR2e',
  user: { id: '6c1f0d0e-8a0e-4c59-9a83-5a3f0b2f4a11', login: 'anna.petrova' },
};

const COMPANY = {
  id: '0b8f2f5e-5c7e-4f3e-9a3e-2b1d9b8f7c6a',
  name: 'ООО Ромашка',
  baseCurrency: 'RUB',
  timeZone: 'Europe/Moscow',
};

export const CURATED_EXAMPLES: Record<string, CuratedExample> = {
  'GET /api/v1/company': { responses: { '200': COMPANY } },
  'POST /api/v1/clients/batch': {
    request: {
      items: [
        {
          externalId: 'C-10042',
          name: 'Иван Петров',
          email: 'ivan.petrov@example.ru',
          phone: '+7 900 123-45-67',
          attributes: { city: 'Казань', segment: 'B2C' },
        },
        { externalId: 'C-10043', name: 'ООО «Вектор»', email: 'not an e-mail' },
        { externalId: 'C-10044', name: 'Мария Соколова', activity: null },
      ],
    },
    responses: {
      '200': {
        created: 1,
        updated: 1,
        unchanged: 0,
        failed: [{ index: 1, externalId: 'C-10043', errors: ['email must look like name@domain'] }],
      },
    },
  },
  'GET /api/v1/clients': { responses: { '200': { items: [CLIENT], nextCursor: CURSOR } } },
  'POST /api/v1/sales/batch': {
    request: {
      items: [
        {
          externalId: 'INV-536365',
          clientExternalId: 'C-10042',
          amount: '1530.00',
          currency: 'RUB',
          soldAt: '2026-11-20T10:15:00+03:00',
          status: 'paid',
          items: [{ sku: '85123A', name: 'Подсвечник «Сердце»', quantity: 6, unitPrice: '255.00' }],
        },
        {
          externalId: 'INV-536366',
          clientExternalId: 'C-99999',
          amount: '19.90',
          currency: 'USD',
          soldAt: '2026-11-20T11:00:00Z',
        },
      ],
    },
    responses: {
      '200': {
        created: 1,
        updated: 0,
        unchanged: 0,
        failed: [{ index: 1, externalId: 'INV-536366', errors: ['clientExternalId is not a client of this company'] }],
      },
    },
  },
  'GET /api/v1/sales': {
    responses: { '200': { items: [SALE], nextCursor: null } },
  },
  'POST /api/auth/register': {
    request: { login: 'anna.petrova', password: 'correct-horse-battery', companyName: 'ООО Ромашка' },
    responses: { '201': { ...AUTH, company: { id: COMPANY.id, name: COMPANY.name } } },
  },
  'POST /api/auth/login': {
    request: { login: 'anna.petrova', password: 'correct-horse-battery' },
    responses: { '200': AUTH },
  },
  'POST /api/auth/refresh': {
    request: { refreshToken: AUTH.refreshToken },
    responses: { '200': AUTH },
  },
  'POST /api/auth/logout': { request: { refreshToken: AUTH.refreshToken } },
  'GET /api/companies/{companyId}/clients/{clientId}': { responses: { '200': CLIENT } },
  'POST /api/companies/{companyId}/pipelines': {
    request: {
      name: 'Оптовые продажи',
      stages: [
        { name: 'Заявка', probability: 10 },
        { name: 'Счёт выставлен', probability: 60 },
        { name: 'Оплачено', probability: 100, kind: 'won' },
        { name: 'Отказ', probability: 0, kind: 'lost' },
      ],
    },
  },
  'PATCH /api/companies/{companyId}/pipelines/{pipelineId}': { request: { name: 'Розница' } },
  'POST /api/companies/{companyId}/pipelines/{pipelineId}/stages': {
    request: { name: 'Выставлен счёт', probability: 60 },
  },
  'PATCH /api/companies/{companyId}/pipelines/{pipelineId}/stages/{stageId}': {
    request: { name: 'Счёт отправлен', probability: 65 },
  },
  'POST /api/companies/{companyId}/deals': {
    request: {
      title: 'Поставка 200 свечей',
      clientId: CLIENT.id,
      amount: '150000.00',
      currency: 'RUB',
      expectedCloseDate: '2026-12-31',
      source: 'Сайт',
      nextStep: { title: 'Позвонить и обсудить скидку', dueAt: '2026-12-05T12:00:00+03:00' },
    },
  },
  'PATCH /api/companies/{companyId}/deals/{dealId}': {
    request: { title: 'Поставка 250 свечей', amount: '180000.00', expectedCloseDate: '2027-01-31', probability: 40 },
  },
  'POST /api/companies/{companyId}/deals/{dealId}/move': {
    request: { stageId: '5a1e0c2d-7b3f-4e6a-9c8d-0f1e2d3c4b5a' },
  },
  'POST /api/companies/{companyId}/tasks': {
    request: {
      title: 'Отправить коммерческое предложение',
      type: 'email',
      dueAt: '2026-12-03T15:00:00+03:00',
      dealId: '7d4c3b2a-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
      clientId: CLIENT.id,
    },
  },
  'PATCH /api/companies/{companyId}/tasks/{taskId}': {
    request: { title: 'Отправить счёт', dueAt: '2026-12-04T10:00:00+03:00', done: true },
  },
};
