// Customers: one record per tenant customer, and the anonymous ids stitched to it.

export { customerReactions } from './reactions.ts';
export {
  type Customer,
  customerFromClaims,
  customersByIds,
  externalIdOf,
  findCustomer,
  shareADevice,
  stitchAlias,
  toPublicCustomer,
  upsertCustomer,
} from './service.ts';
