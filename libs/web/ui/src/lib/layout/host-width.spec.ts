import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { hostWidth } from './host-width';

@Component({ selector: 'crm-host', template: `{{ width() }}` })
class Host {
  readonly width = hostWidth(500);
}

describe('hostWidth', () => {
  afterEach(() => {
    delete (globalThis as { ResizeObserver?: unknown }).ResizeObserver;
  });

  it('keeps the initial width where there is no ResizeObserver', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    expect(fixture.componentInstance.width()).toBe(500);
  });

  it('follows the host element as it is resized, and stops when the component goes', async () => {
    let notify = (): void => undefined;
    const observed: Element[] = [];
    let disconnected = false;
    (globalThis as { ResizeObserver?: unknown }).ResizeObserver = class {
      constructor(callback: () => void) {
        notify = callback;
      }
      observe(element: Element) {
        observed.push(element);
      }
      disconnect() {
        disconnected = true;
      }
    };
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(observed).toEqual([host]);

    Object.defineProperty(host, 'clientWidth', { configurable: true, value: 912 });
    notify();
    expect(fixture.componentInstance.width()).toBe(912);

    Object.defineProperty(host, 'clientWidth', { configurable: true, value: 0 });
    notify();
    expect(fixture.componentInstance.width()).toBe(500);

    fixture.destroy();
    expect(disconnected).toBe(true);
  });
});
