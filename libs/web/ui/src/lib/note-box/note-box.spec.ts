import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { of, Subject, throwError } from 'rxjs';
import { NoteBox } from './note-box';

@Component({
  imports: [NoteBox],
  template: `
    <crm-note-box
      label="Заметка"
      saveLabel="Сохранить"
      savedText="Заметка добавлена"
      textTestId="text"
      saveTestId="save"
      [send]="send"
      (saved)="saved.push($event)"
    />
  `,
})
class Host {
  sent: string[] = [];
  saved: unknown[] = [];
  answer = new Subject<{ id: string }>();
  fail = false;
  readonly send = (text: string) => {
    this.sent.push(text);
    return this.fail ? throwError(() => new Error('offline')) : this.answer;
  };
}

@Component({
  imports: [NoteBox],
  template: `<crm-note-box texts="deals.timeline" [send]="send" />`,
})
class SectionHost {
  readonly send = () => of({ id: 'n2' });
}

describe('NoteBox', () => {
  async function setup() {
    TestBed.configureTestingModule({ providers: [provideNoopAnimations()] });
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const text = element.querySelector('[data-testid="text"]') as HTMLTextAreaElement;
    const save = element.querySelector('[data-testid="save"]') as HTMLButtonElement;
    const type = async (value: string) => {
      text.value = value;
      text.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    const submit = async () => {
      save.click();
      await fixture.whenStable();
    };
    return { host: fixture.componentInstance, element, text, save, type, submit, fixture };
  }

  it('sends the trimmed text, waits for the answer, then empties the box and says so', async () => {
    const { host, element, text, save, type, submit, fixture } = await setup();
    expect(save.disabled).toBe(true);
    await type('  позвонить в пятницу  ');
    expect(save.disabled).toBe(false);
    await submit();
    expect(host.sent).toEqual(['позвонить в пятницу']);
    expect(save.disabled).toBe(true);

    host.answer.next({ id: 'n1' });
    host.answer.complete();
    await fixture.whenStable();
    expect(host.saved).toEqual([{ id: 'n1' }]);
    expect(text.value).toBe('');
    expect(document.body.textContent).toContain('Заметка добавлена');
    expect(element.textContent).toContain('Сохранить');
  });

  it('keeps the text when saving fails', async () => {
    const { host, text, type, submit } = await setup();
    host.fail = true;
    await type('важное');
    await submit();
    expect(host.saved).toEqual([]);
    expect(text.value).toBe('важное');
  });

  it('takes its texts from a dictionary section when they are not given one by one', async () => {
    TestBed.configureTestingModule({ providers: [provideNoopAnimations()] });
    const fixture = TestBed.createComponent(SectionHost);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const text = element.querySelector('textarea') as HTMLTextAreaElement;
    expect(element.querySelector('mat-label')?.textContent?.trim()).toBe('Новая заметка');
    expect(text.placeholder).toBe('Что важно помнить по этой сделке?');
    expect(element.querySelector('button')?.textContent?.trim()).toBe('Добавить заметку');

    text.value = 'созвон';
    text.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    (element.querySelector('button') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(document.body.textContent).toContain('Заметка добавлена');
  });
});
