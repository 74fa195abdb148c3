import type { Traits } from '@flywheel/contracts/json';
import { reaction } from '../platform/index.ts';
import { stitchAlias, upsertCustomer } from './service.ts';

/**
 * `identify` updates the customer and stitches the device in the transaction that stores the
 * event: every later reaction (attribution, fraud rules) can rely on it having happened.
 */
export const customerReactions = [
  reaction({
    name: 'customers.identify',
    on: ['$identify'],
    inline: true,
    async handle({ tx, event }) {
      if (!event.userId) return;
      const customer = await upsertCustomer(tx, event.tenantId, { externalId: event.userId, traits: event.properties as Traits });
      if (event.anonymousId) await stitchAlias(tx, event.tenantId, customer.id, event.anonymousId);
    },
  }),
];
