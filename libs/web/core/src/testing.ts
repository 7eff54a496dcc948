import { provideHttpClient } from '@angular/common/http';
import type { EnvironmentProviders, Provider, Type } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { CompanyContext } from './lib/companies/company-context';
import { provideAppDates } from './lib/dates/app-dates';
import { provideIcons } from './lib/icons/icons';

type Providers = (Provider | EnvironmentProviders)[];

/**
 * For specs of a page or a card: HTTP answered through `HttpTestingController`, an empty router
 * and the app's icons; with `company`, the `CompanyContext` the component sees (only the members
 * it reads: `{ activeId: signal('c1'), role: signal('owner') }`).
 */
export function providePageTesting(company?: object): Providers {
  return [
    provideHttpClient(),
    provideHttpClientTesting(),
    provideRouter([]),
    provideIcons(),
    ...(company ? [{ provide: CompanyContext, useValue: company }] : []),
  ];
}

/**
 * For specs of a form dialog: HTTP answered through `HttpTestingController`, the icons and the
 * app's dates, the dialog's `data`, and a dialog ref whose `close` hands its result to `closed`.
 */
export function provideDialogTesting(data: unknown, closed: (result: unknown) => void = () => undefined): Providers {
  return [
    provideHttpClient(),
    provideHttpClientTesting(),
    provideIcons(),
    provideAppDates(),
    { provide: MAT_DIALOG_DATA, useValue: data },
    { provide: MatDialogRef, useValue: { close: closed } },
  ];
}

/**
 * Renders a page for a spec with {@link providePageTesting} (a fresh `localStorage`, no company)
 * and waits for it to settle: the fixture, its element and the HTTP backend to answer through.
 */
export async function renderPage<T>(
  component: Type<T>,
): Promise<{ fixture: ComponentFixture<T>; element: HTMLElement; backend: HttpTestingController }> {
  localStorage.clear();
  TestBed.configureTestingModule({ providers: providePageTesting() });
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(component);
  await fixture.whenStable();
  return { fixture, element: fixture.nativeElement as HTMLElement, backend };
}
