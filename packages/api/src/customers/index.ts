// Customers: one record per tenant customer, and the anonymous ids stitched to it.

export { customerReactions } from './reactions.ts';
export {
  aliasesOf,
  allCustomers,
  type Customer,
  customerFromClaims,
  customersByIds,
  customersMatching,
  deleteCustomer,
  externalIdOf,
  findCustomer,
  mergeSegments,
  setSegments,
  shareADevice,
  stitchAlias,
  toPublicCustomer,
  upsertCustomer,
} from './service.ts';
