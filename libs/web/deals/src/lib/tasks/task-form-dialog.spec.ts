import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { TaskResponse } from '@crm/shared/contracts';
import { provideDialogTesting } from '@crm/web/core/testing';
import { I18n } from '@crm/web/i18n';
import { TaskFormDialog, type TaskFormDialogData } from './task-form-dialog';

const task: TaskResponse = {
  id: 't1',
  title: 'Отправить счёт',
  type: 'email',
  dueAt: new Date(2026, 11, 5, 14, 30).toISOString(),
  overdue: false,
  assigneeId: 'u2',
  assigneeName: 'boris',
  dealId: 'd1',
  dealTitle: 'Сделка',
  clientId: 'c1',
  clientName: 'Клиент',
  done: false,
  doneAt: null,
  createdBy: 'u1',
  createdAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-01T08:00:00.000Z',
};

describe('task form dialog', () => {
  function render(data: TaskFormDialogData) {
    localStorage.clear();
    const closed: unknown[] = [];
    TestBed.configureTestingModule({
      providers: provideDialogTesting(data, (value) => closed.push(value)),
    });
    TestBed.inject(I18n).use('ru');
    TestBed.tick();
    const fixture = TestBed.createComponent(TaskFormDialog);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const field = (id: string) => root.querySelector<HTMLInputElement>(`[data-testid="${id}"]`) as HTMLInputElement;
    const http = TestBed.inject(HttpTestingController);
    http.match('/api/companies/co/members').forEach((req) => req.flush([]));
    return { fixture, root, field, http, closed };
  }

  it('opens an existing task as it is and saves the change with PATCH, keeping its deal and client', () => {
    const view = render({ companyId: 'co', task });
    expect(view.root.textContent).toContain('Изменить задачу');
    expect(view.field('task-title').value).toBe('Отправить счёт');
    expect(view.field('task-due').value).toBe('05.12.2026');
    expect(view.field('task-time').value).toBe('14:30');
    view.field('task-title').value = 'Отправить счёт и акт';
    view.field('task-title').dispatchEvent(new Event('input'));
    view.root.querySelector('form')?.dispatchEvent(new Event('submit'));
    const req = view.http.expectOne('/api/companies/co/tasks/t1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({
      title: 'Отправить счёт и акт',
      type: 'email',
      dueAt: new Date(2026, 11, 5, 14, 30).toISOString(),
      assigneeId: 'u2',
    });
    req.flush({ ...task, title: 'Отправить счёт и акт' });
    expect(view.closed).toEqual([{ ...task, title: 'Отправить счёт и акт' }]);
  });

  it('creates a new task on the deal with POST', () => {
    const view = render({ companyId: 'co', dealId: 'd1', clientId: 'c1' });
    expect(view.root.textContent).toContain('Новая задача');
    view.field('task-title').value = 'Позвонить';
    view.field('task-title').dispatchEvent(new Event('input'));
    view.root.querySelector('form')?.dispatchEvent(new Event('submit'));
    const req = view.http.expectOne('/api/companies/co/tasks');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toMatchObject({ title: 'Позвонить', type: 'call', dealId: 'd1', clientId: 'c1' });
  });
});
