import type { CompanyRole } from '@crm/shared/contracts';
import type { TranslationKey } from '@crm/web/i18n';

/** The translated name of each role: `{{ roleLabels[member.role] | t }}`. */
export const ROLE_LABELS: Record<CompanyRole, TranslationKey> = {
  owner: 'roles.owner',
  admin: 'roles.admin',
  member: 'roles.member',
};
