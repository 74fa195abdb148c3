import type { AppRouter } from '@flywheel/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { HttpResponse, http } from 'msw';
import { domainMocks } from '../domains/index.ts';

export type RouterOutputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;
type Path = { [D in keyof RouterOutputs]: `${D & string}.${keyof RouterOutputs[D] & string}` }[keyof RouterOutputs];
type Output<P extends Path> = P extends `${infer D extends keyof RouterOutputs}.${infer K}`
  ? K extends keyof RouterOutputs[D]
    ? RouterOutputs[D][K]
    : never
  : never;
type Input<P extends Path> = P extends `${infer D extends keyof Inputs}.${infer K}`
  ? K extends keyof Inputs[D]
    ? Inputs[D][K]
    : never
  : never;

/** Mock procedures, typed by the real router: a mock that drifts from the API stops compiling. */
export type ProcedureMocks = { [P in Path]?: (input: Input<P>) => Output<P> };

/**
 * Throw from a mock to answer like a failing procedure, e.g. `new TrpcMockError(401, 'UNAUTHORIZED')`;
 * `reason` is the refusal's code (`data.reason`) where the real procedure gives one.
 */
export class TrpcMockError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    readonly reason?: string,
  ) {
    super(code);
  }
}

/**
 * An msw handler that answers tRPC calls the way the BFF does: single or batched
 * (`/trpc/a,b?batch=1`), GET queries and POST mutations, results and errors.
 */
export function trpcHandlers(apiBase: string, mocks: ProcedureMocks) {
  return http.all(`${apiBase}/trpc/:paths`, async ({ request, params }) => {
    const url = new URL(request.url);
    const batched = url.searchParams.get('batch') === '1';
    const paths = String(params.paths).split(',');
    const rawInput = request.method === 'GET' ? JSON.parse(url.searchParams.get('input') ?? '{}') : await request.json().catch(() => ({}));
    const results = paths.map((path, index) => {
      const mock = mocks[path as Path] as ((input: unknown) => unknown) | undefined;
      if (!mock)
        return {
          status: 404,
          body: { error: { message: `No mock for ${path}`, code: -32004, data: { code: 'NOT_FOUND', httpStatus: 404, path } } },
        };
      try {
        return { status: 200, body: { result: { data: mock(batched ? rawInput?.[index] : rawInput) } } };
      } catch (error) {
        if (!(error instanceof TrpcMockError)) throw error;
        return {
          status: error.httpStatus,
          body: {
            error: {
              message: error.code,
              code: -32000,
              data: { code: error.code, httpStatus: error.httpStatus, path, ...(error.reason ? { reason: error.reason } : {}) },
            },
          },
        };
      }
    });
    const status = results.every((r) => r.status === results[0]?.status) ? (results[0]?.status ?? 200) : 207;
    return HttpResponse.json(batched ? results.map((r) => r.body) : results[0]?.body, { status });
  });
}

/** A GrowthBook payload's features, as `GET /api/features/:clientKey` serves them. */
export type FeaturesPayload = Record<string, { defaultValue?: unknown; rules?: unknown[] }>;

/**
 * The BFF as widgets see it: tRPC procedures (the defaults, overridable), the GrowthBook features
 * endpoint (no features by default: every flag at its fallback), anonymous ids, an events endpoint
 * that accepts everything, and no live stream.
 */
export function bffHandlers(apiBase: string, mocks: ProcedureMocks = {}, features: FeaturesPayload = {}) {
  return [
    // Preflights, as the BFF answers them for an allowed origin.
    http.options(
      `${apiBase}/*`,
      () => new HttpResponse(null, { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' } }),
    ),
    trpcHandlers(apiBase, { ...domainMocks, ...mocks }),
    http.get(`${apiBase}/api/features/:clientKey`, () =>
      HttpResponse.json({ status: 200, features, dateUpdated: '2026-11-23T00:00:00.000Z' }),
    ),
    http.post(`${apiBase}/api/anonymous-ids`, () =>
      HttpResponse.json({ anonymousId: `${crypto.randomUUID()}.test-signature-000000000` }, { status: 201 }),
    ),
    http.post(`${apiBase}/api/events`, async ({ request }) => {
      const { batch } = (await request.json()) as { batch: unknown[] };
      return HttpResponse.json({ accepted: batch.length, duplicates: 0 });
    }),
    // The live stream: 204 tells the kit there is nothing to stream, so it does not reconnect.
    http.get(`${apiBase}/api/live`, () => new HttpResponse(null, { status: 204 })),
  ];
}
