import type { ProcedureMocks, RouterOutputs } from '../msw/bff.ts';

export type PointsHistoryPage = RouterOutputs['points']['history'];

export const pointsMocks: ProcedureMocks = {
  'points.balance': () => ({ available: 0, pending: 0, held: 0 }),
  'points.history': (): PointsHistoryPage => ({ items: [], nextCursor: null }),
};
