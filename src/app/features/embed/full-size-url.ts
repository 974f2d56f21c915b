/**
 * The link behind "Open in kube-netplay" (embed-header.tsx): in its own module so that it loads
 * with the embed header, not in the entry chunk.
 */

/**
 * The same URL without `embed` (and without `editor`, whose meaning in a frame is not the full
 * app's): what "Open in kube-netplay" opens. Every other key is kept as written, so the full-size
 * tab shows the same text, lesson, packet and view.
 *
 * @example toFullSizeUrl('https://h/app/#embed=1&lesson=nodeport&step=2') // 'https://h/app/#lesson=nodeport&step=2'
 */
export function toFullSizeUrl(href: string): string {
  const hashAt = href.indexOf('#');
  if (hashAt < 0) return href;
  const kept = href
    .slice(hashAt + 1)
    .split('&')
    .filter((pair) => {
      const key = decodeKey(pair.split('=', 1)[0] ?? '');
      return pair !== '' && key !== 'embed' && key !== 'editor';
    });
  const base = href.slice(0, hashAt);
  return kept.length ? `${base}#${kept.join('&')}` : base;
}

function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}
