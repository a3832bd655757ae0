import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses a webhook must never reach (server-side request forgery): loopback, private
 * (RFC 1918, fc00::/7), link-local (169.254/16 with the cloud metadata service, fe80::/10),
 * carrier-grade NAT (100.64/10), unspecified, multicast, reserved and documentation ranges.
 * IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by it.
 */
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv6');
}

/** The eight 16-bit groups of an IPv6 address (which may end in a dotted IPv4 part). */
function groupsOf(address: string): number[] {
  let text = address.split('%')[0]!.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
}

const v4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64 or 6to4), if any. */
function embeddedIpv4(address: string): string | undefined {
  const g = groupsOf(address);
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && (g[5] === 0xffff || g[5] === 0)) return v4(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4(g[6]!, g[7]!);
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!);
  return undefined;
}

/** Whether `address` (an IP literal) is one a webhook may be delivered to. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !FORBIDDEN.check(address, 'ipv4');
  if (family !== 6) return false;
  const inner = embeddedIpv4(address);
  if (inner !== undefined) return isPublicAddress(inner);
  return !FORBIDDEN.check(address.split('%')[0]!, 'ipv6');
}

/** A webhook target that resolves to an address it may not reach. */
export class ForbiddenAddressError extends Error {
  readonly code = 'EFORBIDDENADDRESS';
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a loopback, private, link-local or otherwise internal address; webhooks are not sent there`);
    this.name = 'ForbiddenAddressError';
  }
}

export type DnsLookup = (hostname: string, options: { all: true }, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const systemLookup: DnsLookup = (hostname, options, callback) => dnsLookup(hostname, options, callback);

/**
 * A `lookup` for sockets (`net.connect`, an HTTP agent) that refuses a name if any of its
 * addresses is internal. Used at connect time, it judges the very address the socket connects
 * to, so a name that resolved to a public address at registration and to an internal one now
 * (DNS rebinding) does not get through.
 */
export function guardedLookup(resolve: DnsLookup = systemLookup): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void) => {
    resolve(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error);
      const wanted = options?.family === 4 || options?.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
      const forbidden = wanted.find((a) => !isPublicAddress(a.address));
      if (forbidden) return callback(new ForbiddenAddressError(hostname, forbidden.address));
      if (!wanted.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }));
      if (options?.all) return callback(null, wanted);
      return callback(null, wanted[0]!.address, wanted[0]!.family);
    });
  }) as LookupFunction;
}

/** Resolves `host` now and throws {@link ForbiddenAddressError} if it is, or resolves to, an internal address. */
export async function assertPublicHost(host: string, resolve: DnsLookup = systemLookup): Promise<void> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare)) {
    if (!isPublicAddress(bare)) throw new ForbiddenAddressError(host, bare);
    return;
  }
  const lookup = guardedLookup(resolve);
  await new Promise<void>((ok, fail) => lookup(bare, { all: true }, (error) => (error ? fail(error) : ok())));
}
