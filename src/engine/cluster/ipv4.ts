/**
 * Tiny IPv4 helpers for IPAM (addresses as unsigned 32-bit numbers).
 *
 * WARNING: kept local to the cluster stage so IPAM does not wait on `match/cidr.ts`; the two
 * must agree on what a valid address is (four decimal octets 0-255, no leading `+`).
 */

/** `10.244.2.15` → its number; undefined when not a dotted-quad IPv4 address. */
export function parseIPv4Address(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

/** The number back to dotted-quad. */
export function formatIPv4Address(n: number): string {
  const u = n >>> 0;
  return `${u >>> 24}.${(u >>> 16) & 255}.${(u >>> 8) & 255}.${u & 255}`;
}

export interface Ipv4Range {
  /** The first address of the block (network address for a CIDR). */
  readonly first: number;
  /** The last address (broadcast address for a CIDR). */
  readonly last: number;
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
    const first = parseIPv4Address(text.slice(0, dash).trim());
    const last = parseIPv4Address(text.slice(dash + 1).trim());
    if (first === undefined || last === undefined || last < first) return undefined;
    return { first, last, prefix: -1 };
  }
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const base = parseIPv4Address(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (base === undefined || !/^\d{1,2}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  const first = base - (base % size);
  return { first, last: first + size - 1, prefix };
}

export function rangeContains(range: Ipv4Range, ip: number): boolean {
  return ip >= range.first && ip <= range.last;
}
