import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cidrContains, formatIPv4, ipBlockContains, parseCidr, parseIPv4, parseIPv4Range, rangeContains } from './cidr';

describe('parseIPv4', () => {
  it.each([
    ['10.244.2.15', (10 * 2 ** 24 + 244 * 2 ** 16 + 2 * 256 + 15) >>> 0],
    ['0.0.0.0', 0],
    ['255.255.255.255', 0xffffffff],
    ['256.0.0.1', undefined],
    ['10.0.0', undefined],
    ['10.0.0.1.2', undefined],
    // Leading zeros: accepted and read as decimal, as k8s.io/utils/net ParseIPSloppy (Go's
    // pre-1.17 parser, kubernetes issue 100895) reads them; StrictIPCIDRValidation is off by default.
    ['010.0.0.1', (10 * 2 ** 24 + 1) >>> 0],
    ['010.000.000.001', (10 * 2 ** 24 + 1) >>> 0],
    ['10.0.0.0256', undefined],
    ['10.0.0.+1', undefined],
    ['10.0.0.1 ', undefined],
    ['a.b.c.d', undefined],
    ['', undefined],
    ['::1', undefined],
  ] as const)('%s', (text, expected) => {
    expect(parseIPv4(text)).toBe(expected);
  });
});

/** The reading parseIPv4 implements, spelled as its rule: four dot-separated parts, each of ASCII digits only, at most 255. */
function referenceParseIPv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^[0-9]+$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((value, p) => value * 256 + Number(p), 0) >>> 0;
}

describe('parseIPv4 against its rule', () => {
  it('agrees on strings of digits, dots and stray characters, long leading zeros included', () => {
    const text = fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.', '.', '0', ' ', '+', 'a', '\u0660'), maxLength: 24 });
    fc.assert(fc.property(text, (s) => parseIPv4(s) === referenceParseIPv4(s)), { numRuns: 3000, seed: 11 });
    for (const s of ['0000000000000000000010.0.0.1', '1.2.3.99999999999999999999', '255.255.255.255', '1.2.3.4.', '.1.2.3']) {
      expect(parseIPv4(s)).toBe(referenceParseIPv4(s));
    }
  });
});

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/8', true, 8],
    ['10.0.0.1/24', true, 24],
    ['0.0.0.0/0', true, 0],
    ['1.2.3.4/32', true, 32],
    ['10.0.0/8', false, 0],
    ['10.0.0.0/33', false, 0],
    ['10.0.0.0', false, 0],
    ['10.0.0.0/', false, 0],
    ['10.0.0.0/08', true, 8], // ParseCIDRSloppy reads the prefix with dtoi: leading zeros allowed
    ['010.0.0.0/8', true, 8],
    ['10.0.0.0/+8', false, 0],
    ['fd00::/8', false, 0],
  ] as const)('%s', (text, ok, prefix) => {
    const parsed = parseCidr(text);
    expect(parsed !== undefined).toBe(ok);
    if (parsed) expect(parsed.prefix).toBe(prefix);
  });
  it('clears host bits like net.ParseCIDR', () => {
    expect(parseCidr('10.0.0.1/24')?.network).toBe(parseIPv4('10.0.0.0'));
  });
});

describe('cidrContains / ipBlockContains', () => {
  it.each([
    ['10.244.0.0/16', '10.244.2.15', true],
    ['10.244.0.0/16', '10.245.0.1', false],
    ['0.0.0.0/0', '203.0.113.7', true],
    ['1.2.3.4/32', '1.2.3.4', true],
    ['1.2.3.4/32', '1.2.3.5', false],
    ['10.0.0.1/24', '10.0.0.200', true],
    ['bad', '10.0.0.1', false],
    ['10.0.0.0/8', 'bad', false],
  ] as const)('%s contains %s: %s', (cidr, ip, expected) => {
    expect(cidrContains(cidr, ip)).toBe(expected);
  });
  it.each([
    ['172.17.0.5', true],
    ['172.17.1.5', false],
    ['172.18.0.1', false],
  ] as const)('ipBlock 172.17.0.0/16 except 172.17.1.0/24 admits %s: %s', (ip, expected) => {
    expect(ipBlockContains({ cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] }, ip)).toBe(expected);
  });
});

describe('formatIPv4 / parseIPv4Range', () => {
  it('formats canonically, so a sloppy address prints without its leading zeros', () => {
    expect(formatIPv4(parseIPv4('010.244.002.015')!)).toBe('10.244.2.15');
    expect(formatIPv4(0xffffffff)).toBe('255.255.255.255');
  });
  it('reads a CIDR as its block, host bits masked off', () => {
    const r = parseIPv4Range('10.244.2.7/24')!;
    expect([formatIPv4(r.first), formatIPv4(r.last), r.prefix]).toEqual(['10.244.2.0', '10.244.2.255', 24]);
    expect(parseIPv4Range('0.0.0.0/0')).toEqual({ first: 0, last: 0xffffffff, prefix: 0 });
  });
  it('reads a MetalLB-style first-last range', () => {
    const r = parseIPv4Range(' 192.168.1.240 - 192.168.1.250 ')!;
    expect(r.prefix).toBe(-1);
    expect(rangeContains(r, parseIPv4('192.168.1.245')!)).toBe(true);
    expect(rangeContains(r, parseIPv4('192.168.1.251')!)).toBe(false);
    expect(parseIPv4Range('192.168.1.250-192.168.1.240')).toBeUndefined();
    expect(parseIPv4Range('10.0.0.0')).toBeUndefined();
  });
});
