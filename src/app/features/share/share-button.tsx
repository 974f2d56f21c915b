/**
 * The header's Share button: opens the Share dialog, which (with its QR library) loads on the
 * first Share, never with the page; focus comes back to the button when the dialog closes.
 */
import { lazy, Suspense, useRef, useState } from 'react';
import { Icon } from '../../components/icons';

const ShareDialog = lazy(() => import('./share-dialog').then((m) => ({ default: m.ShareDialog })));

export function ShareButton() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        type="button"
        data-testid="share-button"
        aria-haspopup="dialog"
        aria-expanded={open}
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
