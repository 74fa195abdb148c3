import { lookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from '../net.ts';

/** Why an endpoint URL is refused, or null. Outside development only public https URLs are allowed. */
export function endpointUrlProblem(raw: string, allowPrivateNetworks: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
  if (allowPrivateNetworks) return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'must be http or https';
  if (url.protocol !== 'https:') return 'must be https';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host))
    return 'must not point at a private or loopback address';
  return null;
}

/**
 * A DNS lookup for outgoing webhook requests that refuses private addresses: checked on the
 * address actually connected to, so a name that resolves somewhere else later (DNS rebinding)
 * cannot reach the internal network either.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as unknown as { address: string; family: number }[];
    const refused = list.find((a) => isPrivateAddress(a.address));
    if (refused) return callback(new Error(`${hostname} resolves to a private address (${refused.address})`), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
    const first = list[0];
    if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
    callback(null, first.address, first.family);
  });
};
