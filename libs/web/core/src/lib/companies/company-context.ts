import { computed, inject, Injectable, signal } from '@angular/core';
import type { CompanyMembershipResponse, CompanyRole, MeResponse } from '@crm/shared/contracts';
import { firstValueFrom } from 'rxjs';
import { MeApi } from '@crm/web/data-access';
import { SessionStore } from '../auth/session-store';
import { readJson, writeJson } from '../storage/local-store';
import { MANAGER_ROLES } from '../validation';

/** `{[userId]: companyId}`: each user's last choice on this device. */
export const ACTIVE_COMPANY_STORAGE_KEY = 'crm.activeCompanies';
/** Choices kept per device; the oldest are forgotten first. */
const REMEMBERED_USERS = 20;

type Choices = Record<string, string>;

const isChoices = (value: unknown): value is Choices =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((id) => typeof id === 'string');

/**
 * The signed-in user's companies (from `GET /api/me`) and the one they work in now. The choice
 * is remembered per user, so a reload or the next visit opens the same company, and another user
 * signing in on the same device never inherits it. Screens read `activeId()` and reload their
 * data when it changes.
 */
@Injectable({ providedIn: 'root' })
export class CompanyContext {
  private readonly meApi = inject(MeApi);
  private readonly sessions = inject(SessionStore);
  private readonly meState = signal<MeResponse | null>(null);
  private readonly choices = signal<Choices>(readJson(ACTIVE_COMPANY_STORAGE_KEY, isChoices) ?? {});
  private readonly chosenId = computed(() => {
    const userId = this.meState()?.id ?? this.sessions.session()?.user.id;
    return userId ? (this.choices()[userId] ?? null) : null;
  });
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
    const userId = this.sessions.session()?.user.id ?? this.meState()?.id;
    if (!userId) return;
    // Re-inserted last, so the oldest users' choices are the ones dropped.
    const others = Object.entries(this.choices()).filter(([id]) => id !== userId);
    const next: Choices = Object.fromEntries([...others.slice(-(REMEMBERED_USERS - 1)), [userId, companyId]]);
    this.choices.set(next);
    writeJson(ACTIVE_COMPANY_STORAGE_KEY, next);
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
