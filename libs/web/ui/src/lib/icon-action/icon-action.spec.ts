import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatTooltip } from '@angular/material/tooltip';
import { By } from '@angular/platform-browser';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideIcons } from '@crm/web/core';
import { IconAction } from './icon-action';

@Component({
  imports: [IconAction],
  template: `
    <crm-icon-action
      icon="delete"
      testId="remove-anna"
      label="Удалить anna"
      tooltip="Удалить"
      (click)="clicks = clicks + 1"
    />
    <crm-icon-action
      icon="copy"
      testId="copy-key"
      label="Копировать"
      [disabled]="busy()"
      (click)="clicks = clicks + 1"
    />
  `,
})
class Host {
  clicks = 0;
  readonly busy = signal(false);
}

describe('IconAction', () => {
  it('names the button for screen readers, shows the tooltip (the name unless told) and sends clicks unless disabled', async () => {
    TestBed.configureTestingModule({ providers: [provideNoopAnimations(), provideIcons()] });
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const button = (id: string) =>
      fixture.nativeElement.querySelector(`button[data-testid="${id}"]`) as HTMLButtonElement;
    expect(button('remove-anna').getAttribute('aria-label')).toBe('Удалить anna');
    const tooltips = fixture.debugElement.queryAll(By.directive(MatTooltip)).map((d) => d.injector.get(MatTooltip));
    expect(tooltips.map((t) => t.message)).toEqual(['Удалить', 'Копировать']);

    button('remove-anna').click();
    button('copy-key').click();
    expect(fixture.componentInstance.clicks).toBe(2);

    fixture.componentInstance.busy.set(true);
    await fixture.whenStable();
    button('copy-key').click();
    expect(button('copy-key').disabled).toBe(true);
    expect(fixture.componentInstance.clicks).toBe(2);
  });
});
