/** The organizations feature's public surface. */
export { organizationMessages } from './messages.js';
export { OrganizationPage } from './organization-page.js';
export { membersQuery, organizationQuery } from './organizations-api.js';
export { usePeopleOptions, type PersonOption } from './people-options.js';
export { PeoplePage } from './people-page.js';
export { validatePeopleSearch, type PeopleSearch } from './people-search.js';
