/**
 * The `?` overlay: every key the app answers, from the one table in keyboard-shortcuts.ts.
 * Loaded on the first `?` (nothing of it is needed for the first paint). Escape, the close
 * button or a click outside closes it, and focus goes back where it was.
 */
import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './keyboard-shortcuts';

export function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    // Capture, and stop there: this Escape is the overlay's, not the details panel's or a menu's.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' && event.key !== '?') return;
      event.preventDefault();
      event.stopImmediatePropagation();
      onClose();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      before?.focus?.();
    };
  }, [onClose]);
  return (
    <div
      className="fixed inset-0 z-[70] flex items-center justify-center bg-slate-900/50 p-4"
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        data-testid="shortcuts-overlay"
        className="w-full max-w-lg rounded-lg border border-slate-300 bg-white p-5 text-slate-900 shadow-xl"
      >
        <div className="mb-3 flex items-center justify-between gap-4">
          <h2 id="shortcuts-title" className="text-lg font-bold">
            Keyboard shortcuts
          </h2>
          <button
            ref={close}
            type="button"
            data-testid="shortcuts-close"
            onClick={onClose}
            className="rounded-md border border-slate-300 px-3 py-1 text-sm font-semibold hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-blue-400"
          >
            Close <span className="text-slate-600">(Esc)</span>
          </button>
        </div>
        <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2">
          {SHORTCUTS.map((s) => (
            <div key={s.action} data-testid="shortcut" data-action={s.action} className="contents">
              <dt className="flex gap-1">
                {s.caps.map((cap) => (
                  <kbd
                    key={cap}
                    className="min-w-[2rem] rounded border border-b-2 border-slate-400 bg-slate-50 px-2 py-0.5 text-center font-mono text-base font-bold"
                  >
                    {cap}
                  </kbd>
                ))}
              </dt>
              <dd className="text-base">{s.description}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4 text-sm text-slate-600">
          The keys work anywhere but while you type in the editor or a field.
        </p>
      </div>
    </div>
  );
}
