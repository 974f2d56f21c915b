/**
 * IPv4 addresses and CIDRs, for `ipBlock` peers.
 *
 * Kubernetes rule (NetworkPolicy `ipBlock`): an address matches when it is inside `cidr` and
 * inside none of `except`. Like Go's `net.ParseCIDR`, a CIDR with host bits set
 * (`10.0.0.1/24`) is accepted and means its network (`10.0.0.0/24`).
 */
import type { IPBlock } from '../types';

/**
 * Parses dotted-quad IPv4 into an unsigned 32-bit number; undefined when malformed.
 * Leading zeros are refused, as Go (and so the API server) refuses them.
 *
 * @example parseIPv4('10.244.2.15') // 183763471
 */
export function parseIPv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value >>> 0;
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
  const prefixText = s.slice(slash + 1);
  if (ip === undefined || !/^(0|[1-9][0-9]?)$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > 32) return undefined;
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
