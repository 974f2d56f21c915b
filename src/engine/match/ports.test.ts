import { describe, expect, it } from 'vitest';
import type { ContainerPort, NetworkPolicyPort } from '../types';
import { portAdmits, portsAdmit } from './ports';

const pod: ContainerPort[] = [
  { name: 'http', containerPort: 8080, protocol: 'TCP' },
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
];
const other: ContainerPort[] = [{ name: 'http', containerPort: 9090, protocol: 'TCP' }];

describe('portAdmits', () => {
  it.each<[string, NetworkPolicyPort, number, 'TCP' | 'UDP' | 'SCTP', ContainerPort[] | undefined, boolean]>([
    ['number equal', { protocol: 'TCP', port: 80 }, 80, 'TCP', pod, true],
    ['number differs', { protocol: 'TCP', port: 80 }, 81, 'TCP', pod, false],
    ['protocol differs (UDP vs TCP)', { protocol: 'UDP', port: 80 }, 80, 'TCP', pod, false],
    ['SCTP is not TCP', { protocol: 'SCTP', port: 80 }, 80, 'TCP', pod, false],
    ['no port: every port of the protocol', { protocol: 'UDP' }, 5353, 'UDP', pod, true],
    ['no port: other protocol not admitted', { protocol: 'UDP' }, 5353, 'TCP', pod, false],
    ['endPort low edge', { protocol: 'TCP', port: 32000, endPort: 32768 }, 32000, 'TCP', pod, true],
    ['endPort high edge', { protocol: 'TCP', port: 32000, endPort: 32768 }, 32768, 'TCP', pod, true],
    ['endPort above', { protocol: 'TCP', port: 32000, endPort: 32768 }, 32769, 'TCP', pod, false],
    ['endPort below', { protocol: 'TCP', port: 32000, endPort: 32768 }, 31999, 'TCP', pod, false],
    ['named port resolved on this pod', { protocol: 'TCP', port: 'http' }, 8080, 'TCP', pod, true],
    ['named port means another number on another pod', { protocol: 'TCP', port: 'http' }, 8080, 'TCP', other, false],
    ['named port on the other pod', { protocol: 'TCP', port: 'http' }, 9090, 'TCP', other, true],
    ['named port needs the same protocol', { protocol: 'TCP', port: 'dns' }, 53, 'TCP', pod, false],
    ['named UDP port', { protocol: 'UDP', port: 'dns' }, 53, 'UDP', pod, true],
    ['named port: destination is not a pod', { protocol: 'TCP', port: 'http' }, 8080, 'TCP', undefined, false],
    ['named port missing on pod', { protocol: 'TCP', port: 'metrics' }, 8080, 'TCP', pod, false],
  ])('%s', (_name, policyPort, port, protocol, dst, expected) => {
    expect(portAdmits(policyPort, port, protocol, dst)).toBe(expected);
  });

  it('no ports admits everything; a list admits when any entry does', () => {
    expect(portsAdmit([], 1, 'SCTP', undefined)).toBe(true);
    expect(portsAdmit([{ protocol: 'TCP', port: 1 }, { protocol: 'TCP', port: 2 }], 2, 'TCP', undefined)).toBe(true);
    expect(portsAdmit([{ protocol: 'TCP', port: 1 }], 2, 'TCP', undefined)).toBe(false);
  });
});
