import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The socket's peer address; empty where there is no socket (`app.request()` in tests). */
function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? '';
  } catch {
    return '';
  }
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is `10.0.0.1`. */
const plain = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** Whether `entry` is an IP address or a CIDR range (`10.0.0.0/8`, `fd00::/8`): what TRUSTED_PROXIES lists. */
export function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  if (extra !== undefined || isIP(address) === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (isIP(address) === 6 ? 128 : 32);
}

/**
 * Who the client is, behind the proxies the operator trusts. With none (the default) it is the
 * socket's peer, and X-Forwarded-For is ignored: anyone can write that header. When the peer is a
 * trusted proxy, the header's hops are read right to left, each trusted hop vouching for the one
 * before it, and the first untrusted one is the client. Sign-in throttling, the rate limits and
 * the referral fraud checks all count by this address.
 */
export function clientAddressResolver(trustedProxies: string[]) {
  const trusted = new BlockList();
  for (const entry of trustedProxies) {
    const [address = '', prefix] = entry.split('/');
    if (prefix === undefined) trusted.addAddress(address, family(address));
    else trusted.addSubnet(address, Number(prefix), family(address));
  }
  const isTrusted = (address: string) => isIP(address) !== 0 && trusted.check(address, family(address));
  const resolve = (socket: string, forwardedFor: string | undefined) => {
    let client = plain(socket);
    if (!isTrusted(client)) return client;
    const hops = (forwardedFor ?? '')
      .split(',')
      .map((hop) => plain(hop.trim()))
      .filter((hop) => isIP(hop) !== 0);
    for (let i = hops.length - 1; i >= 0 && isTrusted(client); i--) client = hops[i] as string;
    return client;
  };
  return Object.assign((c: Context) => resolve(socketAddress(c), c.req.header('x-forwarded-for')), { resolve });
}

export type ClientAddress = ReturnType<typeof clientAddressResolver>;
