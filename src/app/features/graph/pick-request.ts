/**
 * Which card the pick menu is open on. The graph's own card click opens it, so no click is
 * lost while the lazy packet layer that draws the menu loads, or in the moment it mounts
 * before its listeners are attached; the menu shows whatever is open when it arrives. One
 * graph per page, so one slot.
 */
let openOn: string | undefined;
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of listeners) listener();
}

/** A card was clicked: its menu opens (the menu of any other card closes). */
export function openPickMenu(id: string): void {
  if (openOn === id) return;
  openOn = id;
  changed();
}

/** Picked, Escape, a pan, a click elsewhere, or the graph closed. */
export function closePickMenu(): void {
  if (openOn === undefined) return;
  openOn = undefined;
  changed();
}

/** The card the menu is open on, if any (for `useSyncExternalStore`). */
export function pickMenuTarget(): string | undefined {
  return openOn;
}

export function subscribePickMenu(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
