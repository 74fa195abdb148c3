import createClient from 'openapi-fetch';
import type { paths } from './schema.ts';

export type { components, paths } from './schema.ts';

export type FlywheelClientOptions = {
  /** Where Flywheel runs, e.g. `https://flywheel.example.com` (the BFF's origin). */
  baseUrl: string;
  /** Your secret key (`sk_…`): keep it on your server. */
  secretKey: string;
  /** Another fetch (tests pass the app's own). */
  fetch?: (request: Request) => Promise<Response>;
};

/**
 * A typed client for the Flywheel REST API, from its OpenAPI document (openapi-fetch): every path,
 * parameter, body and response is checked by TypeScript.
 *
 * ```ts
 * const flywheel = createFlywheelClient({ baseUrl: 'https://flywheel.example.com', secretKey: process.env.FLYWHEEL_SECRET_KEY });
 * const { data, error } = await flywheel.GET('/customers/{customerId}/points', { params: { path: { customerId: 'user_42' } } });
 * ```
 */
export function createFlywheelClient(options: FlywheelClientOptions) {
  return createClient<paths>({
    baseUrl: `${options.baseUrl.replace(/\/+$/, '')}/api/v1`,
    headers: { authorization: `Bearer ${options.secretKey}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

export type FlywheelClient = ReturnType<typeof createFlywheelClient>;
