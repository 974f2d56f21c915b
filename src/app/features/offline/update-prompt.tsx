/**
 * "A new version is ready — Reload": a small, non-blocking note in the corner, in its own React
 * root so it never re-renders the app. It reloads only when the user presses Reload.
 */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

export function UpdatePrompt({ onReload }: { onReload: () => void }) {
  const [state, setState] = useState<'shown' | 'reloading' | 'dismissed'>('shown');
  if (state === 'dismissed') return null;
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="update-prompt"
      className="fixed right-4 bottom-12 z-50 flex items-center gap-3 rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm text-slate-800 shadow-lg"
    >
      <span>A new version is ready.</span>
      <button
        type="button"
        data-testid="update-reload"
        disabled={state === 'reloading'}
        onClick={() => {
          setState('reloading');
          onReload();
        }}
        className="rounded-md bg-blue-700 px-3 py-1 font-semibold text-white hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-300"
      >
        {state === 'reloading' ? 'Reloading…' : 'Reload'}
      </button>
      <button
        type="button"
        data-testid="update-later"
        aria-label="Not now"
        title="Not now (the new version loads next time)"
        onClick={() => setState('dismissed')}
        className="rounded-md px-2 py-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus:outline-none focus:ring-2 focus:ring-blue-300"
      >
        Later
      </button>
    </div>
  );
}

let container: HTMLElement | undefined;

/** Shows the prompt (once: a second call while it is up changes nothing). */
export function showUpdatePrompt(onReload: () => void): void {
  if (container) return;
  container = document.createElement('div');
  container.id = 'update-prompt-root';
  document.body.appendChild(container);
  createRoot(container).render(<UpdatePrompt onReload={onReload} />);
}
