import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { CompanyContext, valueOr } from '@crm/web/core';
import { MembersApi } from '@crm/web/data-access';
import { TranslatePipe } from '@crm/web/i18n';
import { HomeTile } from './home-tile';

@Component({
  selector: 'crm-members-tile',
  imports: [HomeTile, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <crm-home-tile
      [state]="members"
      icon="group"
      link="/company"
      [title]="'home.members.title' | t"
      [linkLabel]="'home.members.open' | t"
    >
      <p class="figure" data-testid="members-count">{{ 'home.members.count' | t: { count: count() } }}</p>
      @if (count() === 1) {
        <p class="line">{{ 'home.members.onlyYou' | t }}</p>
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
