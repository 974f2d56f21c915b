/**
 * Download the scenario text as a `.yaml` file: a Blob behind a temporary link (no server, no
 * network). Lazily loaded on the first download.
 */

/**
 * The file name for a download: the open lesson's slug, else `scenario.yaml`.
 *
 * @example toDownloadName('deny-all') // 'deny-all.yaml'
 * @example toDownloadName(undefined) // 'scenario.yaml'
 */
export function toDownloadName(lessonSlug: string | undefined): string {
  const safe = (lessonSlug ?? '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  return `${safe.slice(0, 80) || 'scenario'}.yaml`;
}

/** Saves `text` as a file named `fileName` through the browser's download. */
export function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it started; a moment later the URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
