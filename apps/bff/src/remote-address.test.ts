import { describe, expect, it } from 'vitest';
import { clientAddressResolver, isAddressOrRange } from './remote-address.ts';

describe('the client address behind trusted proxies', () => {
  it('is the socket’s peer when no proxy is trusted: a forged X-Forwarded-For changes nothing', () => {
    const { resolve } = clientAddressResolver([]);
    expect(resolve('203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
  });

  it('reads X-Forwarded-For right to left through the trusted hops only', () => {
    const { resolve } = clientAddressResolver(['10.0.0.0/8', '192.0.2.10']);
    // The load balancer (10.0.0.5) got it from a CDN edge it trusts (192.0.2.10), which got it from the client.
    expect(resolve('::ffff:10.0.0.5', '198.51.100.7, 192.0.2.10')).toBe('198.51.100.7');
    // What the client wrote in front of that is not believed.
    expect(resolve('10.0.0.5', '6.6.6.6, 198.51.100.7, 192.0.2.10')).toBe('198.51.100.7');
    // A peer outside the list is the client, whatever it forwards.
    expect(resolve('203.0.113.9', '198.51.100.7')).toBe('203.0.113.9');
    // A trusted peer with no header (a health check from the balancer) is itself.
    expect(resolve('10.0.0.5', undefined)).toBe('10.0.0.5');
  });

  it('accepts addresses and CIDR ranges in TRUSTED_PROXIES, nothing else', () => {
    for (const ok of ['10.0.0.1', '10.0.0.0/8', 'fd00::/8', '::1']) expect(isAddressOrRange(ok), ok).toBe(true);
    for (const bad of ['10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/1', '']) expect(isAddressOrRange(bad), bad).toBe(false);
  });
});
