import { computed, inject, Injectable, signal } from '@angular/core';
import type { CompanyMembershipResponse, CompanyRole, MeResponse } from '@crm/shared/contracts';
import { firstValueFrom } from 'rxjs';
import { readJson, writeJson } from '../storage/local-store';
import { MANAGER_ROLES } from '../validation';
import { MeApi } from './me-api';

export const ACTIVE_COMPANY_STORAGE_KEY = 'crm.activeCompany';

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * The signed-in user's companies (from `GET /api/me`) and the one they work in now. The choice
 * is remembered, so a reload or the next visit opens the same company. Screens read
 * `activeId()` and reload their data when it changes.
 */
@Injectable({ providedIn: 'root' })
export class CompanyContext {
  private readonly meApi = inject(MeApi);
  private readonly meState = signal<MeResponse | null>(null);
  private readonly chosenId = signal<string | null>(readJson(ACTIVE_COMPANY_STORAGE_KEY, isString));
  private pending: Promise<MeResponse> | null = null;

  readonly me = this.meState.asReadonly();
  readonly companies = computed<CompanyMembershipResponse[]>(() => this.meState()?.companies ?? []);
  readonly active = computed<CompanyMembershipResponse | null>(() => {
    const companies = this.companies();
    return companies.find((company) => company.id === this.chosenId()) ?? companies[0] ?? null;
  });
  readonly activeId = computed(() => this.active()?.id ?? null);
  readonly role = computed<CompanyRole | null>(() => this.active()?.role ?? null);
  /** Owners and admins manage members, keys and settings. */
  readonly canManage = computed(() => MANAGER_ROLES.includes(this.role() ?? ''));

  /** Loads `/api/me` once per session; concurrent callers share the call. */
  ensureLoaded(): Promise<MeResponse> {
    const me = this.meState();
    return me ? Promise.resolve(me) : this.reload();
  }

  reload(): Promise<MeResponse> {
    this.pending ??= firstValueFrom(this.meApi.get())
      .then((me) => {
        this.meState.set(me);
        return me;
      })
      .finally(() => (this.pending = null));
    return this.pending;
  }

  select(companyId: string): void {
    this.chosenId.set(companyId);
    writeJson(ACTIVE_COMPANY_STORAGE_KEY, companyId);
  }

  /** Makes a company active before it is loaded (e.g. the one registration just created). */
  prefer(companyId: string): void {
    this.select(companyId);
  }

  /** Reflects a rename saved on the settings screen without another round trip. */
  renameLocally(companyId: string, name: string): void {
    const me = this.meState();
    if (!me) return;
    this.meState.set({
      ...me,
      companies: me.companies.map((company) => (company.id === companyId ? { ...company, name } : company)),
    });
  }

  reset(): void {
    this.meState.set(null);
    this.pending = null;
  }
}
