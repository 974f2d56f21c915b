/**
 * The Share dialog: the link that reopens what the user sees, a Copy button, and its QR code
 * (students scan the projector). Loaded lazily with the QR library on the first Share, so neither
 * weighs on the page's first load. A native modal <dialog>: focus moves in, Escape closes, the
 * page behind is inert; the opener puts focus back on the Share button.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { AppController } from '../../app-controller';
import { useController } from '../../store/store-context';
import { toQrCode, type QrCode } from './share-qr';

/** Some chat apps and QR scanners cut links past about this length. */
export const LONG_LINK_CHARS = 2000;
/** Past this, most chats refuse the link: a file is the better way (B13). */
export const TOO_LONG_LINK_CHARS = 32000;

type CopyState = 'idle' | 'copied' | 'failed';

/** The clipboard API, else the older copy command on the selected field; false when neither works. */
async function copyLink(url: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(url);
    return true;
  } catch {
    // No clipboard API (an insecure origin, a sandboxed frame, permission refused): fall back.
  }
  if (!field) return false;
  try {
    field.focus();
    field.select();
    // Deprecated, but the only copy there is where the clipboard API is not.
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

/** QR codes of the last few links: encoding one (eight masks scored) takes a frame or two. */
const qrCodes = new Map<string, QrCode>();
const QR_CODES_KEPT = 4;

function qrCodeOf(url: string): QrCode {
  let qr = qrCodes.get(url);
  if (!qr) {
    qr = toQrCode(url);
    if (qrCodes.size >= QR_CODES_KEPT) qrCodes.delete(qrCodes.keys().next().value as string);
    qrCodes.set(url, qr);
  }
  return qr;
}

/**
 * Makes the link and its QR code ahead of a click (the Share button calls it on hover and focus),
 * so the dialog opens with both at hand. Writes nothing to the address bar; failures are left
 * for the click to report.
 */
export async function prepareShare(controller: AppController): Promise<void> {
  qrCodeOf(await controller.shareLink());
}

function QrPicture({ url }: { url: string }) {
  const qr = qrCodeOf(url);
  if (!qr.ok) {
    return (
      <p
        data-testid="share-qr-unavailable"
        className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
      >
        {qr.reason} Copy the link instead.
      </p>
    );
  }
  const quiet = 4; // the light margin scanners need, in modules
  const side = qr.size + 2 * quiet;
  return (
    <svg
      data-testid="share-qr"
      data-modules={qr.size}
      role="img"
      aria-label="QR code of the link"
      viewBox={`${-quiet} ${-quiet} ${side} ${side}`}
      shapeRendering="crispEdges"
      className="h-56 w-56 shrink-0 rounded-md border border-slate-200"
    >
      {/* Black on white whatever the theme: scanners expect dark modules on a light ground. */}
      <rect x={-quiet} y={-quiet} width={side} height={side} fill="#fff" />
      <path d={qr.path} fill="#000" />
    </svg>
  );
}

export function ShareDialog({ onClose }: { onClose: () => void }) {
  const controller = useController();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const fieldRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const [play, setPlay] = useState(false);
  // The link and the choice it was made for: a link made for another choice is not shown.
  // Made ahead (on hover or focus of Share) when it can be: the dialog opens with its QR code.
  const [made, setMade] = useState<{ url: string; play: boolean } | undefined>(() => {
    const url = controller.shareLinkNow({ play: false });
    return url ? { url, play: false } : undefined;
  });
  const [copy, setCopy] = useState<CopyState>('idle');

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  useEffect(() => {
    let current = true;
    // Also puts the link in the address bar (Share's old behaviour; a reload keeps the view).
    void controller.share({ play }).then((url) => {
      if (current) setMade((was) => (was?.url === url && was.play === play ? was : { url, play }));
    });
    return () => {
      current = false;
    };
  }, [controller, play]);

  const url = made?.play === play ? made.url : undefined;
  const length = url?.length ?? 0;

  return (
    <dialog
      ref={dialogRef}
      data-testid="share-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="flex flex-col gap-3 p-5">
        <div className="flex items-start justify-between gap-3">
          <h2 id={titleId} className="text-lg font-bold">
            Share what you see
          </h2>
          <button
            type="button"
            data-testid="share-close"
            onClick={() => dialogRef.current?.close()}
            className="rounded-md px-2 py-0.5 text-sm font-semibold text-slate-700 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-blue-300"
          >
            Close
          </button>
        </div>
        <p className="text-sm text-slate-600">
          The link opens this scenario (or lesson step) with the packet, grouping, tab and theme you
          have now. Nothing is sent to a server: it is all in the link.
        </p>
        <div className="flex gap-2">
          <label className="sr-only" htmlFor={`${titleId}-link`}>
            Link
          </label>
          <input
            ref={fieldRef}
            id={`${titleId}-link`}
            data-testid="share-link"
            readOnly
            value={url ?? ''}
            placeholder="Making the link…"
            onFocus={(e) => e.currentTarget.select()}
            className="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-2 py-1.5 font-mono text-sm text-slate-900 focus:outline-none focus:ring-2 focus:ring-blue-300"
          />
          <button
            type="button"
            data-testid="share-copy"
            disabled={!url}
            onClick={() => {
              if (!url) return;
              void copyLink(url, fieldRef.current).then((ok) => setCopy(ok ? 'copied' : 'failed'));
            }}
            className="rounded-md border border-blue-700 bg-blue-700 px-3 py-1 text-sm font-semibold text-white hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-300 disabled:opacity-50"
          >
            {copy === 'copied' ? 'Copied' : 'Copy'}
          </button>
        </div>
        <p data-testid="share-copy-status" role="status" className="min-h-5 text-sm text-slate-700">
          {copy === 'copied'
            ? 'Copied to the clipboard.'
            : copy === 'failed'
              ? 'The clipboard is not available here: select the link and copy it (Ctrl+C or ⌘C).'
              : ''}
        </p>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            data-testid="share-play"
            checked={play}
            onChange={(e) => {
              setPlay(e.target.checked);
              setCopy('idle');
            }}
          />
          Send the packet when the link opens
        </label>
        {url === '' && (
          <p data-testid="share-failed" className="text-sm text-red-700">
            The link could not be made (see the message above the app).
          </p>
        )}
        {length > LONG_LINK_CHARS && (
          <p
            data-testid="share-long-warning"
            className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
          >
            {length > TOO_LONG_LINK_CHARS
              ? `This link is ${length.toLocaleString('en')} characters long: too long for most chats. Download the YAML as a file instead.`
              : `This link is ${length.toLocaleString('en')} characters long: some chat apps and QR scanners cut long links.`}
          </p>
        )}
        {url ? (
          <div className="flex items-center gap-4">
            <QrPicture url={url} />
            <p className="text-sm text-slate-600">
              Students can scan this code from the projector to open the same view on their own
              device.
            </p>
          </div>
        ) : null}
      </div>
    </dialog>
  );
}
