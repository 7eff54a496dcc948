import { Directive, effect, inject, input } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatSort, type Sort, type SortDirection } from '@angular/material/sort';

/** A list's sort kept elsewhere (the page's `UrlListState`): the column and direction shown, and the way to another. */
export interface ListSorting {
  matSort(): { active: string; direction: SortDirection };
  sort(sort: Sort): void;
}

/**
 * `matSort` on a list's table, bound to the page's list state: the headers show the state's sort,
 * a click on one sorts the list through the state (back to its first page), and a sorted column is
 * never "unsorted" (the list always has an order).
 *
 *   <table mat-table [dataSource]="page()?.items ?? []" [crmListSort]="list">
 */
@Directive({
  selector: '[crmListSort]',
  hostDirectives: [MatSort],
})
export class ListSort {
  readonly crmListSort = input.required<ListSorting>();

  constructor() {
    const sort = inject(MatSort);
    sort.disableClear = true;
    effect(() => {
      const { active, direction } = this.crmListSort().matSort();
      sort.active = active;
      sort.direction = direction;
      // What `ngOnChanges` does for bound inputs: the headers redraw.
      sort._stateChanges.next();
    });
    sort.sortChange.pipe(takeUntilDestroyed()).subscribe((change) => this.crmListSort().sort(change));
  }
}
