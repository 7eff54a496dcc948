import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { CompanyContext, describeError } from '@crm/web/core';
import { I18n, TranslatePipe } from '@crm/web/i18n';
import { ErrorState, InvitationNotice, ListSkeleton, PreferenceToggles } from '@crm/web/ui';
import { map } from 'rxjs';
import { CompanySwitcher } from './company-switcher';
import { BOTTOM_BAR_ITEMS, exactInSideNav, NAV_ITEMS } from './nav-items';
import { UserMenu } from './user-menu';

const COLLAPSED_STORAGE_KEY = 'crm.navCollapsed';

function storedCollapsed(): boolean {
  try {
    return globalThis.localStorage?.getItem(COLLAPSED_STORAGE_KEY) === 'true';
  } catch {
    return false;
  }
}

/** The frame of the company area: app bar, side navigation (a bottom bar on phones), content. */
@Component({
  selector: 'crm-shell',
  imports: [
    CompanySwitcher,
    ErrorState,
    InvitationNotice,
    ListSkeleton,
    MatButtonModule,
    MatIconModule,
    MatListModule,
    MatToolbarModule,
    MatTooltipModule,
    PreferenceToggles,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    TranslatePipe,
    UserMenu,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
})
export class Shell {
  protected readonly context = inject(CompanyContext);
  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);

  protected readonly items = NAV_ITEMS;
  protected readonly bottomItems = BOTTOM_BAR_ITEMS;
  protected readonly exactInSideNav = exactInSideNav;
  protected readonly handset = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 599.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly collapsed = signal(storedCollapsed());
  protected readonly loadError = signal<string | null>(null);

  constructor() {
    // The guard lets the shell open when /api/me failed (e.g. offline) so it can offer a retry.
    if (!this.context.me()) void this.retry();
  }

  protected toggleCollapsed(): void {
    this.collapsed.update((value) => !value);
    try {
      globalThis.localStorage?.setItem(COLLAPSED_STORAGE_KEY, String(this.collapsed()));
    } catch {
      // Not remembered; the menu still toggles.
    }
  }

  protected async retry(): Promise<void> {
    this.loadError.set(null);
    try {
      const me = await this.context.reload();
      if (me.companies.length === 0) void this.router.navigateByUrl('/welcome');
    } catch (error) {
      this.loadError.set(describeError(error, this.i18n));
    }
  }
}
