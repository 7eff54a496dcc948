import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@crm/web/i18n';

/** What the tile needs of its content's resource (an `rxResource`): loading, failed, retry. */
export interface TileState {
  isLoading(): boolean;
  hasValue(): boolean;
  error(): unknown;
  reload(): unknown;
}

/**
 * A start-screen tile: icon, title (the link to the section) and live content. The whole card
 * is clickable through the title link's stretched hit area, so buttons inside stay valid HTML.
 * While `state` loads the tile shows a placeholder line, when it fails "could not load" with
 * retry, and once it has its value the projected content.
 */
@Component({
  selector: 'crm-home-tile',
  imports: [MatButtonModule, MatCardModule, MatIconModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined" class="card">
      <div class="head">
        <span class="icon-wrap" aria-hidden="true"><mat-icon [svgIcon]="icon()" /></span>
        <h2 class="title">
          <a class="link" [routerLink]="link()" [attr.aria-label]="linkLabel()">{{ title() }}</a>
        </h2>
        <mat-icon class="chevron" svgIcon="chevron-right" aria-hidden="true" />
      </div>
      <div class="body">
        @if (state().isLoading() && !state().hasValue()) {
          <span class="placeholder" aria-hidden="true"></span>
          <span class="sr-only">{{ 'common.loading' | t }}</span>
        } @else if (state().error()) {
          <p class="line">{{ 'errors.loadFailed' | t }}</p>
          <button matButton type="button" class="raised" (click)="state().reload()">{{ 'common.retry' | t }}</button>
        } @else {
          <ng-content />
        }
      </div>
    </mat-card>
  `,
  styleUrl: './tile-content.scss',
  styles: `
    .card {
      position: relative;
      height: 100%;
      padding: 16px;
      box-sizing: border-box;
      transition:
        border-color 120ms ease,
        background-color 120ms ease;
    }
    .card:hover {
      border-color: var(--mat-sys-outline);
      background: var(--mat-sys-surface-container-lowest);
    }
    .card:has(.link:focus-visible) {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    .head {
      display: flex;
      align-items: center;
      gap: 12px;
      margin-bottom: 12px;
    }
    .icon-wrap {
      display: grid;
      place-items: center;
      width: 36px;
      height: 36px;
      border-radius: 10px;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .title {
      flex: 1;
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .link {
      color: inherit;
      text-decoration: none;
      outline: none;
    }
    .link::after {
      content: '';
      position: absolute;
      inset: 0;
      border-radius: inherit;
    }
    .chevron {
      color: var(--mat-sys-on-surface-variant);
    }
    .body {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class HomeTile {
  readonly state = input.required<TileState>();
  readonly icon = input.required<string>();
  readonly title = input.required<string>();
  readonly link = input.required<string>();
  readonly linkLabel = input<string | null>(null);
}
