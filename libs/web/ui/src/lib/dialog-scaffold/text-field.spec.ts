import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, Validators } from '@angular/forms';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { TextField } from './text-field';

@Component({
  imports: [TextField],
  template: `
    <crm-text-field
      testId="title"
      label="Название"
      hint="Коротко"
      error="Укажите название"
      [wide]="true"
      [focusInitial]="true"
      [control]="title"
    />
    <crm-text-field testId="summary" label="Итог" [rows]="3" [control]="summary" />
    <button type="button" data-testid="submit" (click)="title.markAllAsTouched()">OK</button>
  `,
})
class Host {
  readonly title = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  readonly summary = new FormControl('', { nonNullable: true });
}

async function render() {
  TestBed.configureTestingModule({ providers: [provideNoopAnimations()] });
  const fixture = TestBed.createComponent(Host);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const field = (id: string) => element.querySelector(`[data-testid="${id}"]`) as HTMLInputElement;
  return { fixture, element, field };
}

describe('TextField', () => {
  it('is an input (a textarea when given rows) with its label, hint, width and initial focus', async () => {
    const { element, field } = await render();
    expect(field('title').tagName).toBe('INPUT');
    expect(field('title').type).toBe('text');
    expect(field('title').hasAttribute('cdkFocusInitial')).toBe(true);
    expect(field('summary').tagName).toBe('TEXTAREA');
    expect(field('summary').rows).toBe(3);
    expect(field('summary').hasAttribute('cdkFocusInitial')).toBe(false);
    expect(Array.from(element.querySelectorAll('mat-label'), (l) => l.textContent?.trim())).toEqual([
      'Название',
      'Итог',
    ]);
    expect(element.querySelector('mat-hint')?.textContent?.trim()).toBe('Коротко');
    expect(Array.from(element.querySelectorAll('mat-form-field'), (f) => f.classList.contains('wide'))).toEqual([
      true,
      false,
    ]);
  });

  it('writes what is typed into the control and says what is wrong once the dialog is submitted', async () => {
    const { fixture, element, field } = await render();
    expect(element.querySelector('mat-error')).toBeNull();
    (element.querySelector('[data-testid="submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(element.querySelector('mat-error')?.textContent?.trim()).toBe('Укажите название');

    field('title').value = 'Поставка';
    field('title').dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(fixture.componentInstance.title.value).toBe('Поставка');
    expect(element.querySelector('mat-error')).toBeNull();
  });
});
