/**
 * IPv4 addresses, CIDRs and address ranges: the one parser for `ipBlock` peers, pod and node
 * IPs, ClusterIPs, podCIDRs and load-balancer pools.
 *
 * Kubernetes rule (NetworkPolicy `ipBlock`): an address matches when it is inside `cidr` and
 * inside none of `except`. Like Go's `net.ParseCIDR`, a CIDR with host bits set
 * (`10.0.0.1/24`) is accepted and means its network (`10.0.0.0/24`).
 *
 * Leading zeros: the API server parses these (legacy) fields with k8s.io/utils/net
 * `ParseIPSloppy` / `ParseCIDRSloppy`, Go's pre-1.17 parser kept for stored objects
 * (kubernetes issue 100895): `010.0.0.1` is accepted and read as decimal 10.0.0.1, and a prefix
 * `/08` as 8. Strict validation (feature gate StrictIPCIDRValidation) is alpha and off by
 * default, so the engine reads them sloppily too.
 */
import type { IPBlock } from '../types';

/** Go's `dtoi`: decimal digits only, at least one; leading zeros allowed, read as decimal. */
function decimal(text: string, max: number): number | undefined {
  if (!/^[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return n > max ? undefined : n;
}

/**
 * Parses dotted-quad IPv4 into an unsigned 32-bit number; undefined when malformed. Leading
 * zeros are accepted and read as decimal, as `ParseIPSloppy` reads them.
 *
 * @example parseIPv4('10.244.2.15') // 183763471
 * @example parseIPv4('010.0.0.1') // 167772161 (10.0.0.1)
 */
export function parseIPv4(s: string): number | undefined {
  // One pass over the characters (no split, no regular expression: every pod's address is read
  // on every analysis): four parts of ASCII digits, each at most 255, three dots between.
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 /* . */) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      digits++;
      if (part > 255) return undefined;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0) return undefined;
  return (value * 256 + part) >>> 0;
}

/**
 * The number back to dotted-quad (canonical: no leading zeros).
 *
 * @example formatIPv4(183763471) // '10.244.2.15'
 */
export function formatIPv4(n: number): string {
  const u = n >>> 0;
  return `${u >>> 24}.${(u >>> 16) & 255}.${(u >>> 8) & 255}.${u & 255}`;
}

/** An IPv4 network: `network` has the host bits cleared; `mask` has the top `prefix` bits set. */
export interface ParsedCidr {
  readonly network: number;
  readonly prefix: number;
  readonly mask: number;
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/**
 * Parses `A.B.C.D/N` (0 ≤ N ≤ 32); undefined when malformed (including IPv6, not simulated).
 *
 * @example parseCidr('172.17.0.0/16') // { network: 2886795264, prefix: 16, mask: 4294901760 }
 */
export function parseCidr(s: string): ParsedCidr | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIPv4(s.slice(0, slash));
  const prefix = decimal(s.slice(slash + 1), 32);
  if (ip === undefined || prefix === undefined) return undefined;
  const mask = maskOf(prefix);
  return { network: (ip & mask) >>> 0, prefix, mask };
}

/** Whether a parsed CIDR holds a parsed address. */
export function parsedCidrContains(cidr: ParsedCidr, ip: number): boolean {
  return ((ip & cidr.mask) >>> 0) === cidr.network;
}

/**
 * Whether `ip` is inside `cidr`; false when either is malformed.
 *
 * @example cidrContains('10.244.0.0/16', '10.244.2.15') // true
 */
export function cidrContains(cidr: string, ip: string): boolean {
  const c = parseCidr(cidr);
  const a = parseIPv4(ip);
  return c !== undefined && a !== undefined && parsedCidrContains(c, a);
}

/**
 * Whether an `ipBlock` admits `ip`: inside `cidr` and inside no `except` entry.
 * A malformed `cidr` admits nothing; a malformed `except` entry excludes nothing (validation
 * reports both).
 *
 * @example ipBlockContains({ cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] }, '172.17.1.9') // false
 */
export function ipBlockContains(block: IPBlock, ip: string): boolean {
  if (!cidrContains(block.cidr, ip)) return false;
  return !block.except.some((e) => cidrContains(e, ip));
}

/** An inclusive range of addresses (IPAM pools, a node's podCIDR, a load-balancer pool). */
export interface Ipv4Range {
  /** The first address of the block (network address for a CIDR). */
  readonly first: number;
  /** The last address (broadcast address for a CIDR). */
  readonly last: number;
  /** The CIDR's prefix; -1 for a `first-last` range. */
  readonly prefix: number;
}

/**
 * Parses `10.244.2.0/24` (host bits are masked off, as Kubernetes does for podCIDR) or a
 * MetalLB-style range `192.168.1.240-192.168.1.250` (prefix -1).
 *
 * @example parseIPv4Range('10.244.2.0/24') // { first: 183763456, last: 183763711, prefix: 24 }
 */
export function parseIPv4Range(s: string): Ipv4Range | undefined {
  const text = s.trim();
  const dash = text.indexOf('-');
  if (dash > 0) {
    const first = parseIPv4(text.slice(0, dash).trim());
    const last = parseIPv4(text.slice(dash + 1).trim());
    if (first === undefined || last === undefined || last < first) return undefined;
    return { first, last, prefix: -1 };
  }
  const cidr = parseCidr(text);
  if (cidr === undefined) return undefined;
  return { first: cidr.network, last: cidr.network + 2 ** (32 - cidr.prefix) - 1, prefix: cidr.prefix };
}

/** Whether a range holds a parsed address. */
export function rangeContains(range: Ipv4Range, ip: number): boolean {
  return ip >= range.first && ip <= range.last;
}
