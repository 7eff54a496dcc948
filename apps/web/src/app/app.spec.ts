import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { App } from './app';

describe('App', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.className = '';
  });

  it('renders the router outlet', async () => {
    TestBed.configureTestingModule({ imports: [App], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('router-outlet')).not.toBeNull();
  });

  it('applies a remembered dark theme on start', async () => {
    localStorage.setItem('crm.theme', 'dark');
    TestBed.configureTestingModule({ imports: [App], providers: [provideRouter([])] });
    TestBed.createComponent(App);
    expect(document.documentElement.classList.contains('theme-dark')).toBe(true);
  });
});
