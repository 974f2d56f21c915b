/**
 * The header's Share button: opens the Share dialog, which (with its QR library) is a lazy chunk,
 * never part of the page's first load: fetched once the page is idle, and on hover or focus the
 * link and its QR code are made ahead, so a click only has to draw them. Focus comes back to the
 * button when the dialog closes.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { AppController } from '../../app-controller';
import { Icon } from '../../components/icons';
import { useController } from '../../store/store-context';
import { whenIdle } from '../../components/when-idle';

const loadShareDialog = () => import('./share-dialog');
const ShareDialog = lazy(() => loadShareDialog().then((m) => ({ default: m.ShareDialog })));

/** Loads the dialog and makes the link and its QR code ahead of a click. */
function prepareShare(controller: AppController): void {
  // A failed fetch (offline before the app was cached) is retried, and reported, on the click.
  loadShareDialog()
    .then((m) => m.prepareShare(controller))
    .catch(() => undefined);
}

export function ShareButton() {
  const controller = useController();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const prepare = () => prepareShare(controller);
  useEffect(() => whenIdle(() => prepareShare(controller)), [controller]);
  return (
    <>
      <button
        ref={button}
        type="button"
        data-testid="share-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={prepare}
        onFocus={prepare}
        onClick={() => setOpen(true)}
        className="flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-blue-300"
      >
        <Icon name="share" size={16} /> Share
      </button>
      {open && (
        <Suspense fallback={null}>
          <ShareDialog
            onClose={() => {
              setOpen(false);
              button.current?.focus();
            }}
          />
        </Suspense>
      )}
    </>
  );
}
