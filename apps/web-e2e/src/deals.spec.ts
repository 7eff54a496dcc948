import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  baseUrl,
  dismissSnackbars,
  type Language,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
  snackbarText,
  uniqueLogin,
} from './support/browser';
import { seedCompany } from './support/crm-data';

const T = {
  ru: {
    dealsTab: 'Сделки',
    created: 'Сделка создана',
    stages: ['Новая', 'Квалификация', 'Предложение', 'Переговоры', 'Выиграна', 'Проиграна'],
    moved: (stage: string) => `Сделка перенесена: ${stage}`,
    amount: '250 000,00 ₽',
    won: 'Выиграна',
    openSale: 'Открыть продажу',
    overdue: 'Просрочено',
    task: 'Позвонить и согласовать договор',
    taskCreated: 'Задача создана',
    winRate: '100 %',
    note: 'Клиент просит скидку 5 % при оплате вперёд',
    noteAdded: 'Заметка добавлена',
    contact: 'Встретились в офисе, договорились о поставке в январе',
    contactAdded: 'Контакт добавлен',
    notesTab: 'Заметки',
    contactsTab: 'Контакты',
    onDeal: 'Сделка: Поставка 200 свечей',
    extraTask: 'Отправить счёт',
    editedTask: 'Отправить счёт и акт',
    taskSaved: 'Задача сохранена',
    taskDeleted: 'Задача удалена',
    deleteConfirm: 'Удалить',
  },
  en: {
    dealsTab: 'Deals',
    created: 'Deal created',
    stages: ['Новая', 'Квалификация', 'Предложение', 'Переговоры', 'Выиграна', 'Проиграна'],
    moved: (stage: string) => `Deal moved: ${stage}`,
    amount: '₽250,000.00',
    won: 'Won',
    openSale: 'Open the sale',
    overdue: 'Overdue',
    task: 'Call and agree on the contract',
    taskCreated: 'Task created',
    winRate: '100%',
    note: 'The client asks for 5% off when paying in advance',
    noteAdded: 'Note added',
    contact: 'Met at their office, agreed on a January delivery',
    contactAdded: 'Contact added',
    notesTab: 'Notes',
    contactsTab: 'Contacts',
    onDeal: 'Deal: Supply of 200 candles',
    extraTask: 'Send the invoice',
    editedTask: 'Send the invoice and the certificate',
    taskSaved: 'Task saved',
    taskDeleted: 'Task deleted',
    deleteConfirm: 'Delete',
  },
} as const;

/** Text with every kind of space (Intl writes no-break ones in money) as a plain space. */
const plain = (value: string) => value.replace(/\s+/g, ' ').trim();

/** A day as the datepicker of the interface language reads it (`05.12.2026` / `12/05/2026`). */
function typedDay(date: Date, language: Language): string {
  const dd = String(date.getDate()).padStart(2, '0');
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  return language === 'ru' ? `${dd}.${mm}.${date.getFullYear()}` : `${mm}/${dd}/${date.getFullYear()}`;
}

async function clientId(companyId: string, token: string, externalId: string): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/companies/${companyId}/clients?q=${externalId}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const page = (await response.json()) as { items: { id: string; externalId: string }[] };
  return page.items.find((c) => c.externalId === externalId)?.id as string;
}

/** Drags with the mouse the way a user does, in small steps so the CDK sees a drag, and drops on `target`. */
async function drag(page: Page, card: Locator, target: Locator): Promise<void> {
  await card.scrollIntoViewIfNeeded();
  const from = await card.boundingBox();
  if (!from) throw new Error('card not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + 12);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + 22, { steps: 5 });
  const to = await target.boundingBox();
  if (!to) throw new Error('column not visible');
  await page.mouse.move(to.x + to.width / 2, to.y + 40, { steps: 20 });
  await page.mouse.move(to.x + to.width / 2, to.y + 44, { steps: 2 });
  await page.mouse.up();
}

/**
 * Deals in the browser: an employee opens a deal from a client's page (with an overdue next step),
 * moves it along the board — by dragging and by the card's «move to stage» menu with the keyboard —
 * to the won stage, agrees to create the sale, and finds the sale linked from the deal. On the deal
 * they write a note and log a contact (the client page shows both with a link back) and edit a task,
 * then delete it from «my tasks». Screenshots of the board, the deal and its timeline and «my tasks»
 * in light and dark, desktop and 360 px.
 */
describe.each<Language>(['ru', 'en'])('deals (%s)', (language) => {
  const text = T[language];
  const title = language === 'ru' ? 'Поставка 200 свечей' : 'Supply of 200 candles';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let client: string;
  let dealPath: string;
  const column = (stage: string) => page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);
  const card = () => page.locator(`[data-testid="deal-card"][data-deal="${title}"]`);
  const shot = (name: string) => screenshot(page, `deals-${name}.${language}`);

  beforeAll(async () => {
    const login = uniqueLogin(`deals-${language}`);
    const seeded = await seedCompany(login, language === 'ru' ? 'ООО Ромашка' : 'Daisy LLC');
    client = await clientId(seeded.companyId, seeded.accessToken, 'C-1');
    browser = await launchBrowser();
    context = await newContext(browser, language);
    page = await context.newPage();
    await signIn(page, login, language);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('creates a deal from the client page with an overdue next step', async () => {
    await page.goto(`/clients/${client}`);
    await page.locator('[data-testid="add-deal"]').click();
    await page.locator('[data-testid="deal-title"]').fill(title);
    await page.locator('[data-testid="deal-amount"]').fill(language === 'ru' ? '250 000' : '250000');
    await page.locator('[data-testid="deal-next-step"]').fill(language === 'ru' ? 'Отправить КП' : 'Send the offer');
    const yesterday = new Date(Date.now() - 24 * 3_600_000);
    await page.locator('[data-testid="deal-next-due"]').fill(typedDay(yesterday, language));
    await page.locator('[data-testid="deal-source"]').fill(language === 'ru' ? 'Сайт' : 'Website');
    await screenshot(page, `deals-01-form.${language}`);
    await page.locator('[data-testid="deal-save"]').click();
    expect(await snackbarText(page)).toBe(text.created);
    await dismissSnackbars(page);

    await page.getByRole('tab', { name: text.dealsTab }).click();
    const row = page.locator('[data-testid="client-deal"]', { hasText: title });
    await row.waitFor();
    expect(await row.innerText()).toContain(text.stages[0]);
  });

  it('drags the deal to the next stage and uses the keyboard menu for the one after', async () => {
    await page.goto('/deals');
    await card().waitFor();
    expect(await column(text.stages[0]).locator('[data-testid="column-count"]').innerText()).toBe('1');
    expect(plain(await card().locator('[data-testid="deal-card-amount"]').innerText())).toBe(text.amount);
    // The next step was due yesterday: the card says it is overdue.
    expect(await card().locator('[data-testid="deal-card-due"] .sr-only').innerText()).toContain(text.overdue);
    await shot('02-board');

    await drag(page, card(), column(text.stages[1]).locator('[data-testid="column-cards"]'));
    expect(await snackbarText(page)).toBe(text.moved(text.stages[1]));
    await dismissSnackbars(page);
    await column(text.stages[1]).locator(`[data-deal="${title}"]`).waitFor();
    expect(await column(text.stages[0]).locator('[data-testid="deal-card"]').count()).toBe(0);

    // The keyboard alternative: the card's menu, opened with Enter, the stage picked with the arrows.
    await card().locator('[data-testid="deal-move-menu"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="move-to-2"]').waitFor();
    for (let i = 0; i < 6; i++) {
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
      if (focused === 'move-to-2') break;
      await page.keyboard.press('ArrowDown');
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('move-to-2');
    await page.keyboard.press('Enter');
    expect(await snackbarText(page)).toBe(text.moved(text.stages[2]));
    await dismissSnackbars(page);
    await column(text.stages[2]).locator(`[data-deal="${title}"]`).waitFor();
  });

  it('wins the deal by dragging it to the won stage, creating the sale linked from the deal', async () => {
    // Six columns are wider than the screen: the board scrolls so the deal's column comes first.
    await column(text.stages[2]).evaluate((el) => el.scrollIntoView({ inline: 'start', block: 'nearest' }));
    await drag(page, card(), column(text.stages[4]).locator('[data-testid="column-cards"]'));
    await page.locator('[data-testid="won-with-sale"]').click();
    expect(await snackbarText(page)).toBe(text.moved(text.stages[4]));
    await dismissSnackbars(page);
    await column(text.stages[4]).locator(`[data-deal="${title}"]`).waitFor();
    expect(await column(text.stages[4]).locator('[data-testid="column-count"]').innerText()).toBe('1');
    await shot('03-board-won');

    await card().locator('[data-testid="deal-card-title"]').click();
    await page.locator('[data-testid="deal-title-heading"]').waitFor();
    expect(await page.locator('[data-testid="deal-status"]').innerText()).toBe(text.won);
    dealPath = new URL(page.url()).pathname;
    // The timeline has the creation and three moves, the last one first.
    const history = page.locator('[data-testid="deal-timeline-entry"][data-kind="stage"]');
    await history
      .first()
      .filter({ hasText: `${text.stages[2]} → ${text.stages[4]}` })
      .waitFor();
    expect(await history.count()).toBe(4);

    // A task on the deal, due today, then the deal page as a whole.
    await page.locator('[data-testid="deal-add-task"]').click();
    await page.locator('[data-testid="task-title"]').fill(text.task);
    await page.locator('[data-testid="task-time"]').fill('23:59');
    await page.locator('[data-testid="task-save"]').click();
    expect(await snackbarText(page)).toBe(text.taskCreated);
    await dismissSnackbars(page);
    await page.locator('[data-testid="deal-task"]').waitFor();
    await shot('04-deal');

    await page.locator('[data-testid="deal-sale-link"]').click();
    await page.waitForURL((url) => url.pathname.startsWith('/sales/'));
    await page.waitForFunction((amount) => document.body.innerText.replace(/\s+/g, ' ').includes(amount), text.amount);
  });

  it('writes a note and logs a contact on the deal; the client page shows them with a link to the deal', async () => {
    await page.goto(dealPath);
    await page.locator('[data-testid="deal-timeline"]').waitFor();
    await page.locator('[data-testid="deal-note-text"]').fill(text.note);
    await page.locator('[data-testid="deal-note-save"]').click();
    expect(await snackbarText(page)).toBe(text.noteAdded);
    await dismissSnackbars(page);
    const entry = (kind: string, hasText: string) =>
      page.locator(`[data-testid="deal-timeline-entry"][data-kind="${kind}"]`, { hasText });
    await entry('note', text.note).waitFor();
    expect(await page.locator('[data-testid="deal-note-text"]').inputValue()).toBe('');

    await page.locator('[data-testid="deal-add-interaction"]').click();
    await page.locator('[data-testid="interaction-summary"]').fill(text.contact);
    await page.locator('[data-testid="interaction-save"]').click();
    expect(await snackbarText(page)).toBe(text.contactAdded);
    await dismissSnackbars(page);
    await entry('interaction', text.contact).waitFor();
    // Newest first: the note above the stage changes, the task due tonight on top. (The contact is
    // dated to the minute, so it may fall before the moves of this same minute.)
    const kinds = await page
      .locator('[data-testid="deal-timeline-entry"]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
    expect(kinds.filter((kind) => kind !== 'interaction')).toEqual([
      'task',
      'note',
      'stage',
      'stage',
      'stage',
      'stage',
    ]);
    expect(kinds.filter((kind) => kind === 'interaction')).toHaveLength(1);
    await screenshot(page, `deals-14-timeline.${language}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, `deals-14-timeline-dark.${language}`);
    await page.emulateMedia({ colorScheme: 'light' });

    await page.goto(`/clients/${client}`);
    await page.getByRole('tab', { name: text.contactsTab }).click();
    const contact = page.locator('[data-testid="interaction"]', { hasText: text.contact });
    await contact.waitFor();
    expect(await contact.locator('[data-testid="entry-deal-link"]').innerText()).toBe(text.onDeal);
    await page.getByRole('tab', { name: text.notesTab }).click();
    const note = page.locator('[data-testid="note"]', { hasText: text.note });
    await note.waitFor();
    await screenshot(page, `deals-15-client-notes.${language}`);
    await note.locator('[data-testid="entry-deal-link"]', { hasText: text.onDeal }).click();
    await page.waitForURL((url) => url.pathname === dealPath);
    await entry('note', text.note).waitFor();
  });

  it('edits a task on the deal page and deletes it from my tasks', async () => {
    await page.goto(dealPath);
    await page.locator('[data-testid="deal-add-task"]').click();
    await page.locator('[data-testid="task-title"]').fill(text.extraTask);
    await page.locator('[data-testid="task-time"]').fill('23:58');
    await page.locator('[data-testid="task-save"]').click();
    expect(await snackbarText(page)).toBe(text.taskCreated);
    await dismissSnackbars(page);
    const onDeal = (title: string) => page.locator('[data-testid="deal-task"]', { hasText: title });
    await onDeal(text.extraTask).locator('[data-testid="task-menu"]').click();
    await page.locator('[data-testid="task-edit"]').click();
    // The form opens with the task as it is.
    expect(await page.locator('[data-testid="task-title"]').inputValue()).toBe(text.extraTask);
    expect(await page.locator('[data-testid="task-time"]').inputValue()).toBe('23:58');
    await page.locator('[data-testid="task-title"]').fill(text.editedTask);
    await page.locator('[data-testid="task-save"]').click();
    expect(await snackbarText(page)).toBe(text.taskSaved);
    await dismissSnackbars(page);
    await onDeal(text.editedTask).waitFor();
    await page.locator('[data-testid="deal-timeline-entry"][data-kind="task"]', { hasText: text.editedTask }).waitFor();
    expect(await page.locator('[data-testid="deal-task"]').count()).toBe(2);

    await page.goto('/tasks');
    const row = page.locator('[data-testid="task-row"]', { hasText: text.editedTask });
    await row.waitFor();
    await row.locator('[data-testid="task-menu"]').click();
    await page.locator('[data-testid="task-delete"]').click();
    await page.getByRole('button', { name: text.deleteConfirm, exact: true }).click();
    expect(await snackbarText(page)).toBe(text.taskDeleted);
    await dismissSnackbars(page);
    await row.waitFor({ state: 'detached' });
    // Gone for good: the deal page no longer has it either.
    await page.goto(dealPath);
    await onDeal(text.task).waitFor();
    expect(await page.locator('[data-testid="deal-task"]').count()).toBe(1);
  });

  it('lists my tasks, and shows the board, the deal and the tasks in dark at 360 px', async () => {
    await page.goto('/tasks');
    const row = page.locator('[data-testid="task-row"]', { hasText: text.task });
    await row.waitFor();
    expect(await page.locator('section[data-group="today"]').count()).toBe(1);
    await shot('05-tasks');
    await row.locator('[data-testid="task-done"] input').check();
    // Done stays in view (struck through, under «done») so a wrong click can be undone.
    await page.locator('section[data-group="done"] [data-testid="task-row"]', { hasText: text.task }).waitFor();
    expect(await page.locator('section[data-group="today"]').count()).toBe(0);

    // The same deals as a list, switched from the board.
    await page.goto('/deals');
    await card().waitFor();
    await page.locator('[data-testid="view-list"]').click();
    await page.locator('[data-testid="deal-row"]', { hasText: title }).waitFor();
    expect(plain(await page.locator('[data-testid="deal-row"]', { hasText: title }).innerText())).toContain(
      text.amount,
    );
    await shot('10-list');

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => localStorage.removeItem('crm.theme'));
    await page.goto('/deals');
    await card().waitFor();
    await card().evaluate((el) => el.scrollIntoView({ inline: 'center', block: 'nearest' }));
    await shot('06-board-dark');
    await page.setViewportSize({ width: 360, height: 780 });
    await page.reload();
    await card().waitFor();
    await column(text.stages[4]).evaluate((el) => el.scrollIntoView({ inline: 'start', block: 'nearest' }));
    // On a phone the board scrolls sideways a column at a time.
    const snap = await page
      .locator('[data-testid="deal-board"]')
      .evaluate((board) => getComputedStyle(board).scrollSnapType);
    expect(snap).toContain('x');
    await shot('07-board-360-dark');
    await card().locator('[data-testid="deal-card-title"]').click();
    await page.locator('[data-testid="deal-title-heading"]').waitFor();
    await page.locator('[data-testid="deal-timeline-entry"][data-kind="note"]').waitFor();
    await shot('08-deal-360-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await shot('16-deal-timeline-360');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/tasks');
    await page.locator('[data-testid="show-done"] button').click();
    await page.locator('[data-testid="task-row"]', { hasText: text.task }).waitFor();
    await shot('09-tasks-360-dark');
  });

  it('opens the funnel analytics from the board: the won deal is the whole cohort, win rate 100 %', async () => {
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/deals');
    await page.locator('[data-testid="open-funnel"]').click();
    await page.waitForURL((url) => url.pathname === '/deals/funnel');
    const figure = (name: string) => page.locator(`[data-testid="kpi-${name}"] .value`);
    await figure('win-rate').filter({ hasText: /\d/ }).waitFor();
    expect(plain(await figure('win-rate').innerText())).toBe(text.winRate);
    expect(await figure('won').innerText()).toBe('1');
    expect(await figure('cohort').innerText()).toBe('1');
    // The conversion table: every open stage and the won one were reached by the deal, lost by none.
    const reached = (stage: string) =>
      page.locator(`[data-testid="funnel-row"][data-stage="${stage}"] [data-testid="funnel-reached"]`).innerText();
    expect(await reached(text.stages[0])).toBe('1');
    expect(await reached(text.stages[4])).toBe('1');
    expect(await reached(text.stages[5])).toBe('0');
    // Nothing is open any more: the pipeline value says so instead of a table of zeros.
    await page.locator('[data-testid="no-open-deals"]').waitFor();
    await page.locator('crm-funnel-chart svg').waitFor();
    await shot('11-funnel');

    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('12-funnel-dark');
    await page.setViewportSize({ width: 360, height: 780 });
    await page.reload();
    await figure('won').filter({ hasText: '1' }).waitFor();
    await page.locator('crm-funnel-chart svg').waitFor();
    await shot('13-funnel-360-dark');
  });
});
