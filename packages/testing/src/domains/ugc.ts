import type { ProcedureMocks, RouterOutputs } from '../msw/bff.ts';

export type UgcCard = RouterOutputs['ugc']['gallery']['items'][number];
export type UgcItem = RouterOutputs['ugc']['item'];
export type UgcDraft = RouterOutputs['ugc']['mine'][number];

/** A published tutorial's gallery card; override any field. */
export function ugcCard(overrides: Partial<UgcCard> = {}): UgcCard {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    kind: 'tutorial',
    title: 'Automating invoices in an afternoon',
    summary: 'How our finance team stopped typing invoices by hand.',
    tags: ['billing', 'automation'],
    cover: null,
    author: 'Ada',
    likes: 3,
    liked: false,
    featured: false,
    publishedAt: '2026-11-20T09:00:00.000Z',
    ...overrides,
  };
}

/** The same tutorial opened: its card and its sanitized body. */
export function ugcItem(overrides: Partial<UgcItem> = {}): UgcItem {
  return {
    ...ugcCard(),
    html: '<p>We started with the <strong>importer</strong>.</p>\n' as UgcItem['html'],
    images: [],
    licence: 'tenant_reuse',
    status: 'approved',
    mine: false,
    ...overrides,
  };
}

/** One of the customer's own submissions, as `ugc.mine` lists it. */
export function ugcDraft(overrides: Partial<UgcDraft> = {}): UgcDraft {
  return {
    id: '22222222-2222-4222-8222-222222222222',
    kind: 'case_study',
    title: 'How we cut onboarding to a week',
    summary: 'Our rollout, step by step.',
    body: 'We began with **one team**.',
    tags: ['onboarding'],
    images: [],
    consent: { publish: true, licence: 'tenant_reuse' },
    status: 'rejected',
    reason: 'personal_data',
    reasonNote: 'Please blur the customer names in the screenshot.',
    likes: 0,
    updatedAt: '2026-11-25T09:00:00.000Z',
    publishedAt: null,
    ...overrides,
  };
}

export const ugcMocks: ProcedureMocks = {
  'ugc.gallery': () => ({
    lead: ugcCard({
      id: '33333333-3333-4333-8333-333333333333',
      title: 'Our design system, shared',
      kind: 'work',
      featured: true,
      likes: 12,
    }),
    items: [ugcCard()],
    nextCursor: null,
  }),
  'ugc.item': () => ugcItem(),
  'ugc.mine': () => [ugcDraft()],
  'ugc.submit': () => ({ id: '44444444-4444-4444-8444-444444444444', status: 'pending' }),
  'ugc.update': (input) => ({ id: input.id, status: input.draft ? 'draft' : 'pending' }),
  'ugc.withdraw': (input) => ({ id: input.id, status: 'withdrawn' }),
  'ugc.preview': (input) => ({ html: `<p>${input.body.replace(/[<>&]/g, '')}</p>\n` as UgcItem['html'] }),
  'ugc.like': (input) => ({ liked: input.liked, likes: input.liked ? 4 : 3 }),
};
