/**
 * The keys at work: ← → step, K plays or pauses, F fits, P switches presenter mode on and off
 * (back to the theme it came from), `?` opens the list of keys. Mounted once, by the graph (F
 * needs its viewport); the overlay's code loads on the first `?`.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useAppStore, useController } from '../../store/store-context';
import type { Theme } from '../../store/view-slice';
import { useKeyboardShortcuts } from './keyboard-shortcuts';

const ShortcutsOverlay = lazy(() =>
  import('./shortcuts-overlay').then((m) => ({ default: m.ShortcutsOverlay })),
);

export function ShortcutKeys({
  onFit,
  onStep,
}: {
  /** F: fit the whole cluster. */
  onFit: () => void;
  /** ← or →, before the step: the view may follow the packet again. */
  onStep: () => void;
}) {
  const controller = useController();
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  const [help, setHelp] = useState(false);
  // The theme P goes back to: the last one that was not the presenter's.
  const before = useRef<Exclude<Theme, 'contrast'>>(theme === 'dark' ? 'dark' : 'light');
  useEffect(() => {
    if (theme !== 'contrast') before.current = theme;
  }, [theme]);
  const closeHelp = useCallback(() => setHelp(false), []);
  useKeyboardShortcuts({
    'step-back': () => {
      onStep();
      controller.playback.step(-1);
    },
    'step-forward': () => {
      onStep();
      controller.playback.step(1);
    },
    'play-pause': () => controller.playback.toggle(),
    fit: onFit,
    presenter: () => setTheme(theme === 'contrast' ? before.current : 'contrast'),
    help: () => setHelp((open) => !open),
  });
  if (!help) return null;
  return createPortal(
    <Suspense fallback={null}>
      <ShortcutsOverlay onClose={closeHelp} />
    </Suspense>,
    document.body,
  );
}
