import { BlockList, isIP } from 'node:net';

// Addresses, for the domains that judge them: webhooks refuse to call private ones, referral
// fraud rules ignore them (everyone behind a proxy or on localhost shares one).

/** Loopback, private, link-local, carrier-grade NAT and other addresses no tenant endpoint lives at. */
const privateNetworks = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  privateNetworks.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  privateNetworks.addSubnet(network, prefix, 'ipv6');
}

/** True for a loopback, private or otherwise non-public address; false for a public one or a non-address. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const mapped = address.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/)?.[1];
  if (mapped) return privateNetworks.check(mapped, 'ipv4');
  return privateNetworks.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
