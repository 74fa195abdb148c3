import { HttpResponse, http } from 'msw';

type Experiment = {
  id: string;
  trackingKey: string;
  name: string;
  variations: { key: string; name: string; variationId: string }[];
} & Record<string, unknown>;
type Feature = { id: string; valueType: string; defaultValue: string } & Record<string, unknown>;

/**
 * GrowthBook's REST API (the parts `experiments push` uses), modelled on its documented contract
 * (GrowthBook's REST API, /api/v1): Bearer auth, required fields, `var_…` variation ids, 404 for unknown ids.
 * State lives in the returned store so tests can look at what was written.
 */
export function growthbookApi(apiUrl: string, secretKey: string) {
  const store = { experiments: new Map<string, Experiment>(), features: new Map<string, Feature>(), requests: 0 };
  let nextId = 1;
  const authorized = (request: Request) => request.headers.get('authorization') === `Bearer ${secretKey}`;
  const unauthorized = () => HttpResponse.json({ message: 'Invalid API key' }, { status: 401 });
  const bad = (message: string) => HttpResponse.json({ message }, { status: 400 });

  const withVariationIds = (body: Record<string, unknown>, previous?: Experiment): Experiment | string => {
    if (typeof body.trackingKey !== 'string' || typeof body.name !== 'string') return 'trackingKey and name are required';
    if (!Array.isArray(body.variations) || body.variations.length < 2) return 'variations must have at least 2 entries';
    const variations = (body.variations as { key?: string; name?: string }[]).map((v) => {
      const kept = previous?.variations.find((p) => p.key === v.key);
      return { key: String(v.key), name: String(v.name), variationId: kept?.variationId ?? `var_${nextId++}` };
    });
    return {
      ...(previous ?? {}),
      ...body,
      id: previous?.id ?? `exp_${nextId++}`,
      trackingKey: body.trackingKey,
      name: body.name,
      variations,
    };
  };

  const handlers = [
    http.all(`${apiUrl}/*`, ({ request }) => {
      store.requests++;
      if (!authorized(request)) return unauthorized();
      return undefined;
    }),
    http.get(`${apiUrl}/v1/experiments`, ({ request }) => {
      const trackingKey = new URL(request.url).searchParams.get('trackingKey');
      const experiments = [...store.experiments.values()].filter((e) => !trackingKey || e.trackingKey === trackingKey);
      return HttpResponse.json({ experiments, limit: 10, offset: 0, count: experiments.length, total: experiments.length, hasMore: false });
    }),
    http.post(`${apiUrl}/v1/experiments`, async ({ request }) => {
      const result = withVariationIds((await request.json()) as Record<string, unknown>);
      if (typeof result === 'string') return bad(result);
      if ([...store.experiments.values()].some((e) => e.trackingKey === result.trackingKey))
        return bad('An experiment with that trackingKey already exists');
      store.experiments.set(result.id, result);
      return HttpResponse.json({ experiment: result });
    }),
    http.post(`${apiUrl}/v1/experiments/:id`, async ({ request, params }) => {
      const previous = store.experiments.get(String(params.id));
      if (!previous) return HttpResponse.json({ message: 'Not found' }, { status: 404 });
      const result = withVariationIds((await request.json()) as Record<string, unknown>, previous);
      if (typeof result === 'string') return bad(result);
      store.experiments.set(result.id, result);
      return HttpResponse.json({ experiment: result });
    }),
    http.get(`${apiUrl}/v1/features/:id`, ({ params }) => {
      const feature = store.features.get(String(params.id));
      return feature ? HttpResponse.json({ feature }) : HttpResponse.json({ message: 'Could not find feature' }, { status: 404 });
    }),
    http.post(`${apiUrl}/v1/features`, async ({ request }) => {
      const body = (await request.json()) as Feature;
      if (!/^[a-zA-Z0-9_.:|-]+$/.test(body.id ?? '')) return bad('id is invalid');
      if (!['boolean', 'string', 'number', 'json'].includes(body.valueType)) return bad('valueType is invalid');
      if (typeof body.defaultValue !== 'string') return bad('defaultValue must be a string');
      if (store.features.has(body.id)) return bad('Feature id already exists');
      store.features.set(body.id, body);
      return HttpResponse.json({ feature: body });
    }),
    http.post(`${apiUrl}/v1/features/:id`, async ({ request, params }) => {
      const previous = store.features.get(String(params.id));
      if (!previous) return HttpResponse.json({ message: 'Could not find feature' }, { status: 404 });
      const body = (await request.json()) as Partial<Feature>;
      if (body.defaultValue !== undefined && typeof body.defaultValue !== 'string') return bad('defaultValue must be a string');
      const feature = { ...previous, ...body, id: previous.id };
      store.features.set(feature.id, feature);
      return HttpResponse.json({ feature });
    }),
  ];
  return { handlers, store };
}
