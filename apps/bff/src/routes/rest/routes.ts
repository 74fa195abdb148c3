import * as rest from '@flywheel/contracts/rest';
import { createRoute } from '@hono/zod-openapi';
import type { z } from 'zod';

// The public REST API's operations, declared once: the path, the input each part of the request
// must match, and the responses. The handlers (api.ts) get typed, validated input from these, and
// the OpenAPI document is generated from them.

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const failures = {
  400: json(rest.RestError, 'The input is invalid: `message` and `issues` name each field.'),
  401: json(rest.RestError, 'No secret key, or not a key of any tenant.'),
  429: json(rest.RestError, 'Too many requests for this key: wait for the `RateLimit` reset.'),
};
const notFound = { 404: json(rest.RestError, 'No such customer (or item) for this tenant.') };
/** POSTs take an `Idempotency-Key`; its conflicts are answered with these. */
const idempotent = {
  headers: rest.idempotencyHeaders,
};
const idempotencyFailures = {
  409: json(rest.RestError, 'A request with this Idempotency-Key is still running: retry shortly.'),
  422: json(rest.RestError, 'This Idempotency-Key was used with a different request.'),
};

const security = [{ secretKey: [] }];

export const getCustomer = createRoute({
  security,
  method: 'get',
  path: '/customers/{customerId}',
  tags: ['Customers'],
  summary: 'Get a customer',
  request: { params: rest.customerParams },
  responses: { 200: json(rest.RestCustomer, 'The customer.'), ...notFound, ...failures },
});

export const putCustomer = createRoute({
  security,
  method: 'put',
  path: '/customers/{customerId}',
  tags: ['Customers'],
  summary: 'Create or update a customer',
  description: 'Email and name replace the stored ones when given; traits are merged over the stored traits. PUT is idempotent by itself.',
  request: { params: rest.customerParams, ...body(rest.CustomerUpsert) },
  responses: { 200: json(rest.RestCustomer, 'The customer as stored.'), ...failures },
});

export const deleteCustomer = createRoute({
  security,
  method: 'delete',
  path: '/customers/{customerId}',
  tags: ['Customers'],
  summary: 'Erase a customer and their data',
  description:
    'For data-protection (GDPR) requests: removes the customer, every event they sent or were the subject of, their points, rewards, badges, referrals, plan, submissions and uploaded images. It cannot be undone.',
  request: { params: rest.customerParams },
  responses: { 200: json(rest.Erasure, 'What was erased.'), ...notFound, ...failures },
});

export const postEvents = createRoute({
  security,
  method: 'post',
  path: '/events',
  tags: ['Events'],
  summary: 'Send a batch of events',
  description: "Events in the Segment spec's shape; all or nothing, and idempotent by `messageId` as well.",
  request: { ...idempotent, ...body(rest.EventBatch) },
  responses: {
    200: json(rest.IngestResult, 'How many were stored, and how many had been already.'),
    413: json(rest.RestError, 'Too many events, or too many bytes, in one batch.'),
    ...idempotencyFailures,
    409: json(
      rest.RestError,
      'A request with this Idempotency-Key is still running, or (`message_id_reused`) a `messageId` you already sent with a different event: nothing was stored.',
    ),
    ...failures,
  },
});

export const getPoints = createRoute({
  security,
  method: 'get',
  path: '/customers/{customerId}/points',
  tags: ['Points'],
  summary: "A customer's points balance",
  request: { params: rest.customerParams },
  responses: { 200: json(rest.PointsBalance, 'Pending, available and held points.'), ...notFound, ...failures },
});

export const getPointsHistory = createRoute({
  security,
  method: 'get',
  path: '/customers/{customerId}/points/history',
  tags: ['Points'],
  summary: "A customer's points history",
  request: { params: rest.customerParams, query: rest.pageQuery },
  responses: { 200: json(rest.PointsHistoryPage, 'Newest first, a page at a time.'), ...notFound, ...failures },
});

export const postPointsAdjustment = createRoute({
  security,
  method: 'post',
  path: '/customers/{customerId}/points/adjustments',
  tags: ['Points'],
  summary: "Adjust a customer's points",
  description: 'Credits or debits available points (never below zero), with a reason the customer sees.',
  request: { params: rest.customerParams, ...idempotent, ...body(rest.PointsAdjustment) },
  responses: { 200: json(rest.PointsBalance, 'The balance after the adjustment.'), ...notFound, ...idempotencyFailures, ...failures },
});

export const getRewards = createRoute({
  security,
  method: 'get',
  path: '/customers/{customerId}/rewards',
  tags: ['Rewards and referrals'],
  summary: "A customer's rewards",
  description: 'Every reward any program granted them, newest first (the newest 500).',
  request: { params: rest.customerParams },
  responses: { 200: json(rest.RewardList, 'Their rewards and where each stands.'), ...notFound, ...failures },
});

export const getReferrals = createRoute({
  security,
  method: 'get',
  path: '/customers/{customerId}/referrals',
  tags: ['Rewards and referrals'],
  summary: 'The friends a customer referred',
  request: { params: rest.customerParams },
  responses: { 200: json(rest.ReferralList, 'Newest first (the newest 500), with each status.'), ...notFound, ...failures },
});

export const getBadges = createRoute({
  security,
  method: 'get',
  path: '/customers/{customerId}/badges',
  tags: ['Badges'],
  summary: "A customer's badge awards",
  request: { params: rest.customerParams },
  responses: { 200: json(rest.BadgeAwardList, 'Live and revoked awards, newest first.'), ...notFound, ...failures },
});

export const postBadge = createRoute({
  security,
  method: 'post',
  path: '/customers/{customerId}/badges',
  tags: ['Badges'],
  summary: 'Award a badge',
  description:
    'Awards a tier of an active badge, with its points; no rule takes it back. Awarding a tier the customer holds returns that award.',
  request: { params: rest.customerParams, ...idempotent, ...body(rest.BadgeAwardInput) },
  responses: { 200: json(rest.RestBadgeAward, 'The award.'), ...notFound, ...idempotencyFailures, ...failures },
});

export const deleteBadge = createRoute({
  security,
  method: 'delete',
  path: '/customers/{customerId}/badges/{awardId}',
  tags: ['Badges'],
  summary: 'Revoke a badge award',
  description: 'Revokes the award (its credential shows as revoked) and takes its points back.',
  request: { params: rest.awardParams },
  responses: { 200: json(rest.RestBadgeAward, 'The revoked award.'), ...notFound, ...failures },
});

export const getSuccessPlan = createRoute({
  security,
  method: 'get',
  path: '/customers/{customerId}/success-plan',
  tags: ['Success plans'],
  summary: "A customer's success plan",
  request: { params: rest.customerParams },
  responses: { 200: json(rest.RestSuccessPlan, 'Their plan: milestones, tasks and health.'), ...notFound, ...failures },
});

export const getSubmissions = createRoute({
  security,
  method: 'get',
  path: '/submissions',
  tags: ['Submissions'],
  summary: "The tenant's UGC submissions",
  request: { query: rest.submissionsQuery },
  responses: { 200: json(rest.SubmissionPage, 'Newest first, a page at a time.'), ...failures },
});
