export class CompanyResponse {
  id!: string;
  /** @example "ООО Ромашка" */
  name!: string;
  /** ISO 4217 code all analytics default to. @example "RUB" */
  baseCurrency!: string;
  /** IANA time zone that decides day, week and month boundaries. @example "Europe/Moscow" */
  timeZone!: string;
}

/** Answer of `POST /api/companies`. */
export class CreatedCompanyResponse {
  id!: string;
  /** @example "ООО Ромашка" */
  name!: string;
}
