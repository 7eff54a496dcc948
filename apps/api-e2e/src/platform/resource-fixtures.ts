import { api, type TestUser } from '../support/client';

/** Makes a resource with this name in the user's company; returns its id. */
export type ResourceFixture = (user: TestUser, name: string) => Promise<string>;

/** A resource made by `nx g @crm/tools:resource`: `POST /api/companies/:companyId/<collection>` with a name. */
export const createNamed =
  (collection: string): ResourceFixture =>
  async (user, name) =>
    (await api().post(`/api/companies/${user.companyId}/${collection}`).set(user.auth).send({ name }).expect(201)).body
      .id;

/**
 * The id kinds of generated resources (`invoices/{invoiceId}`) for cross-id-isolation.spec.ts, which
 * makes one of each for the victim and for the attacker: the generator adds a line per resource, so
 * a generated resource is attacked by id from the moment it exists.
 */
export const RESOURCE_FIXTURES: Record<string, ResourceFixture> = {
  // nx g @crm/tools:resource adds its fixtures above this line.
};
