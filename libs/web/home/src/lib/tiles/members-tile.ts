import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { CompanyContext, valueOr } from '@crm/web/core';
import { MembersApi } from '@crm/web/data-access';
import { TranslatePipe } from '@crm/web/i18n';
import { HomeTile } from './home-tile';

@Component({
  selector: 'crm-members-tile',
  imports: [HomeTile, MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-home-tile
      icon="group"
      link="/company"
      [title]="'home.members.title' | t"
      [linkLabel]="'home.members.open' | t"
    >
      @if (members.isLoading() && !members.hasValue()) {
        <span class="placeholder" aria-hidden="true"></span>
        <span class="sr-only">{{ 'common.loading' | t }}</span>
      } @else if (members.error()) {
        <p class="line">{{ 'errors.loadFailed' | t }}</p>
        <button matButton type="button" class="raised" (click)="members.reload()">{{ 'common.retry' | t }}</button>
      } @else {
        <p class="figure" data-testid="members-count">{{ 'home.members.count' | t: { count: count() } }}</p>
        @if (count() === 1) {
          <p class="line">{{ 'home.members.onlyYou' | t }}</p>
        }
      }
    </crm-home-tile>
  `,
  styleUrl: './tile-content.scss',
})
export class MembersTile {
  private readonly api = inject(MembersApi);
  private readonly context = inject(CompanyContext);

  protected readonly members = rxResource({
    params: () => this.context.activeId() ?? undefined,
    stream: ({ params: companyId }) => this.api.list(companyId),
  });
  protected readonly count = computed(() => valueOr(this.members, [])?.length ?? 0);
}
