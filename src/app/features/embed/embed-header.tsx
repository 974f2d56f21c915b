/**
 * The header of embed mode: the name, the engine's state and "Open in kube-netplay", which opens
 * what the frame shows full size in a new tab. Loaded only when the page is embedded.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useAppStoreApi, useController } from '../../store/store-context';
import { toFullSizeUrl } from './full-size-url';

/** How long the text must rest before the link is remade (making one deflates the text). */
const RELINK_DELAY_MS = 400;

/**
 * The full-size link: the frame's own URL without the embed keys while the text is the one the
 * link opened (every key the author wrote is kept); once the parent has loaded another text, a
 * share link of what the frame shows now.
 */
function useFullSizeHref(): string {
  const store = useAppStoreApi();
  const controller = useController();
  const [href, setHref] = useState(() => toFullSizeUrl(window.location.href));
  useEffect(() => {
    const opened = { text: store.getState().text, href: toFullSizeUrl(window.location.href) };
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current = 0;
    const stop = store.subscribe((state, previous) => {
      if (state.text === previous.text) return;
      clearTimeout(timer);
      const asked = ++current;
      if (state.text === opened.text) {
        setHref(opened.href);
        return;
      }
      timer = setTimeout(() => {
        controller.shareLink().then(
          (url) => {
            if (asked === current) setHref(toFullSizeUrl(url));
          },
          // The share code did not load (offline, a new version): keep the link the frame opened.
          () => undefined,
        );
      }, RELINK_DELAY_MS);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [store, controller]);
  return href;
}

export function EmbedHeader({ status }: { status: ReactNode }) {
  const href = useFullSizeHref();
  return (
    <header
      data-testid="embed-header"
      className="flex h-9 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3"
    >
      <span className="text-sm font-bold tracking-tight text-slate-900">
        kube<span className="text-blue-700">-netplay</span>
      </span>
      {status}
      <a
        data-testid="embed-open"
        href={href}
        target="_blank"
        rel="noopener"
        title="Open this scenario full size in a new tab, with the editor"
        className="rounded-md border border-slate-300 bg-white px-2.5 py-0.5 text-xs font-semibold text-blue-800 underline-offset-2 hover:bg-slate-50 hover:underline focus:outline-none focus:ring-2 focus:ring-blue-300"
      >
        Open in kube-netplay ↗
      </a>
    </header>
  );
}
