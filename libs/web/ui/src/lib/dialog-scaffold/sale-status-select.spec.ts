import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl } from '@angular/forms';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { SaleStatus } from '@crm/shared/contracts';
import { I18n } from '@crm/web/i18n';
import { SaleStatusSelect } from './sale-status-select';

@Component({
  imports: [SaleStatusSelect],
  template: `<crm-sale-status-select testId="status" label="Статус" [statuses]="statuses" [control]="status" />`,
})
class Host {
  readonly statuses: SaleStatus[] = ['paid', 'pending', 'cancelled'];
  readonly status = new FormControl<SaleStatus>('paid', { nonNullable: true });
}

describe('SaleStatusSelect', () => {
  it('offers the given statuses by name and puts the picked one in the control', async () => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideNoopAnimations()] });
    TestBed.inject(I18n).use('en');
    TestBed.tick();
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('mat-label')?.textContent?.trim()).toBe('Статус');
    expect(element.querySelector('[data-testid="status"]')?.textContent?.trim()).toBe('Paid');

    (element.querySelector('.mat-mdc-select-trigger') as HTMLElement).click();
    await fixture.whenStable();
    const options = Array.from(document.querySelectorAll('mat-option'), (o) => o.textContent?.trim());
    expect(options).toEqual(['Paid', 'Pending', 'Cancelled']);

    (document.querySelectorAll('mat-option')[1] as HTMLElement).click();
    await fixture.whenStable();
    expect(fixture.componentInstance.status.value).toBe('pending');
  });
});
