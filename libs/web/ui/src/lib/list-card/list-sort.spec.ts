import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSortModule, type Sort, type SortDirection } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { ListSort, type ListSorting } from './list-sort';

class FakeList implements ListSorting {
  readonly state = signal<{ active: string; direction: SortDirection }>({ active: 'name', direction: 'asc' });
  readonly sorts: Sort[] = [];
  matSort() {
    return this.state();
  }
  sort(sort: Sort): void {
    this.sorts.push(sort);
    this.state.set({ active: sort.active, direction: sort.direction });
  }
}

@Component({
  imports: [ListSort, MatSortModule, MatTableModule],
  template: `
    <table mat-table [dataSource]="rows" [crmListSort]="list">
      <ng-container matColumnDef="name">
        <th mat-header-cell *matHeaderCellDef mat-sort-header>Name</th>
        <td mat-cell *matCellDef="let row">{{ row.name }}</td>
      </ng-container>
      <ng-container matColumnDef="createdAt">
        <th mat-header-cell *matHeaderCellDef mat-sort-header>Created</th>
        <td mat-cell *matCellDef="let row">{{ row.createdAt }}</td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns"></tr>
      <tr mat-row *matRowDef="let row; columns: columns"></tr>
    </table>
  `,
})
class Host {
  readonly list = new FakeList();
  readonly columns = ['name', 'createdAt'];
  readonly rows = [{ name: 'Анна', createdAt: '2026-11-20' }];
}

describe('ListSort', () => {
  async function render() {
    TestBed.configureTestingModule({ providers: [provideNoopAnimations()] });
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const headers = () => Array.from(element.querySelectorAll('th'));
    const ariaSort = () => headers().map((th) => th.getAttribute('aria-sort'));
    return { fixture, headers, ariaSort };
  }

  it("shows the list state's sort and follows it when it changes", async () => {
    const { fixture, ariaSort } = await render();
    expect(ariaSort()).toEqual(['ascending', 'none']);
    fixture.componentInstance.list.state.set({ active: 'createdAt', direction: 'desc' });
    await fixture.whenStable();
    expect(ariaSort()).toEqual(['none', 'descending']);
  });

  it('sorts through the list state on a click, and a sorted column is never cleared', async () => {
    const { fixture, headers, ariaSort } = await render();
    const list = fixture.componentInstance.list;
    (headers()[0].querySelector('.mat-sort-header-container') as HTMLElement).click();
    await fixture.whenStable();
    (headers()[0].querySelector('.mat-sort-header-container') as HTMLElement).click();
    await fixture.whenStable();
    expect(list.sorts).toEqual([
      { active: 'name', direction: 'desc' },
      { active: 'name', direction: 'asc' },
    ]);
    expect(ariaSort()).toEqual(['ascending', 'none']);
  });
});
