import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'crm:isPublic';

/** Opts a route out of the global JWT guard (login, register, health, API-key routes). */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
