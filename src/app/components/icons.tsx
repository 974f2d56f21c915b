/** Small inline SVG icons (no icon font, no emoji: both render unreliably on classroom machines). */
import type { SVGProps } from 'react';

export type IconName =
  | 'internet'
  | 'loadbalancer'
  | 'node'
  | 'ingress-controller'
  | 'ingress'
  | 'service'
  | 'pod'
  | 'dns'
  | 'gateway'
  | 'httproute'
  | 'kube-proxy'
  | 'cni'
  | 'policy'
  | 'client'
  | 'shield'
  | 'check'
  | 'cross'
  | 'clock'
  | 'share'
  | 'send'
  | 'fit';

const PATHS: Record<IconName, string> = {
  internet:
    'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm0 0c2.5 2.4 3.8 5.4 3.8 9s-1.3 6.6-3.8 9m0-18C9.5 5.4 8.2 8.4 8.2 12s1.3 6.6 3.8 9M3.5 9h17M3.5 15h17',
  client:
    'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm0 0c2.5 2.4 3.8 5.4 3.8 9s-1.3 6.6-3.8 9m0-18C9.5 5.4 8.2 8.4 8.2 12s1.3 6.6 3.8 9M3.5 9h17M3.5 15h17',
  loadbalancer: 'M4 12h5m0 0 4-6h7m-11 6 4 6h7m-7-6h7m-3-9 3 3-3 3m0 3 3 3-3 3m0 3',
  node: 'M4 5h16v6H4zM4 13h16v6H4zM7.5 8h.01M7.5 16h.01',
  'ingress-controller': 'M12 3 4 7.5v9L12 21l8-4.5v-9L12 3Zm0 5.5v7m-3.5-3.5h7',
  ingress: 'M3 12h11m0 0-4-4m4 4-4 4M16 4h4v16h-4',
  service: 'M12 2.8 20 7.4v9.2l-8 4.6-8-4.6V7.4l8-4.6ZM8.5 12h7M12 8.5v7',
  pod: 'M12 3 20 7.5v9L12 21l-8-4.5v-9L12 3Zm-8 4.5 8 4.5m0 0 8-4.5M12 12v9',
  dns: 'M4 6h16M4 12h16M4 18h10M17 16l3 3-3 3',
  gateway: 'M3 21V8.5L12 3l9 5.5V21M7 21v-7a5 5 0 0 1 10 0v7M3 21h18',
  httproute: 'M12 3v18M12 5h6l2.5 2.5L18 10h-6M12 13H6l-2.5 2.5L6 18h6',
  'kube-proxy': 'M4 7h12m0 0-3-3m3 3-3 3M20 17H8m0 0 3-3m-3 3 3 3',
  cni: 'M5 12a3 3 0 1 0 0 .01M19 12a3 3 0 1 0 0 .01M8 12h8',
  policy: 'M12 3 5 6v5c0 4.5 3 8.3 7 10 4-1.7 7-5.5 7-10V6l-7-3Z',
  shield: 'M12 3 5 6v5c0 4.5 3 8.3 7 10 4-1.7 7-5.5 7-10V6l-7-3Z',
  check: 'M5 12.5 10 17.5 19 7',
  cross: 'M6 6l12 12M18 6 6 18',
  clock: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm0 4v5l3 2',
  share: 'M15 5l4 4-4 4M19 9h-8a6 6 0 0 0-6 6v2',
  send: 'M4 12 20 4l-4 16-4-7-8-1Zm8 1 8-9',
  fit: 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5',
};

export function Icon({
  name,
  size = 18,
  ...rest
}: { name: string; size?: number } & SVGProps<SVGSVGElement>) {
  const d = PATHS[name as IconName] ?? PATHS.pod;
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.9}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      {...rest}
    >
      <path d={d} />
    </svg>
  );
}
