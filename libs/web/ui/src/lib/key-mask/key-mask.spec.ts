import { TestBed } from '@angular/core/testing';
import { KeyMask } from './key-mask';

describe('KeyMask', () => {
  it('shows the prefix and dots, never more of the key, until a secret is given', async () => {
    const fixture = TestBed.createComponent(KeyMask);
    fixture.componentRef.setInput('prefix', 'crm_live_3fA9');
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.textContent?.trim()).toBe('crm_live_3fA9••••••••••••');

    fixture.componentRef.setInput('secret', 'crm_live_3fA9c1Zb0nq8');
    await fixture.whenStable();
    expect(element.textContent?.trim()).toBe('crm_live_3fA9c1Zb0nq8');
  });
});
