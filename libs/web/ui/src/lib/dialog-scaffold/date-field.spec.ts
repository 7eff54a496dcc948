import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, Validators } from '@angular/forms';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideAppDates, provideIcons } from '@crm/web/core';
import { DateField } from './date-field';

@Component({
  imports: [DateField],
  template: `
    <crm-date-field testId="due" label="Срок" error="Укажите срок" [required]="true" [control]="day" />
    <button type="button" data-testid="submit" (click)="day.markAllAsTouched()">OK</button>
  `,
})
class Host {
  readonly day = new FormControl<Date | null>(null, [Validators.required]);
}

describe('DateField', () => {
  it('says what is wrong once the dialog marks its fields touched on submit', async () => {
    TestBed.configureTestingModule({ providers: [provideNoopAnimations(), provideIcons(), provideAppDates()] });
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('[data-testid="due"]')).not.toBeNull();
    expect(element.textContent).not.toContain('Укажите срок');

    (element.querySelector('[data-testid="submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(element.querySelector('mat-error')?.textContent?.trim()).toBe('Укажите срок');
  });

  it('holds the picked day in the control', async () => {
    TestBed.configureTestingModule({ providers: [provideNoopAnimations(), provideIcons(), provideAppDates()] });
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    fixture.componentInstance.day.setValue(new Date(2026, 10, 20));
    await fixture.whenStable();
    const input = fixture.nativeElement.querySelector('[data-testid="due"]') as HTMLInputElement;
    expect(input.value).not.toBe('');
  });
});
