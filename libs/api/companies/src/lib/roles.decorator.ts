import { SetMetadata } from '@nestjs/common';
import type { CompanyRole } from '@crm/shared/contracts';

export const ROLES_KEY = 'crm:roles';

/** Restricts a company route to these roles; other members get 403. */
export const Roles = (...roles: CompanyRole[]) => SetMetadata(ROLES_KEY, roles);
