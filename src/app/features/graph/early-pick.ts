/**
 * A card clicked (tapped) before the lazy packet layer, which holds the pick menu, has loaded:
 * the menu opens on it when the layer arrives, so the first tap on a freshly opened link is
 * not lost. One graph per page, so one slot.
 */
let pending: string | undefined;
let menuMounted = false;

/** Called on every card click; remembered only while no pick menu listens. */
export function notePickBeforeMenu(id: string): void {
  if (!menuMounted) pending = id;
}

/** The pick menu mounts: it takes the card clicked before it, if any. */
export function takePickBeforeMenu(): string | undefined {
  menuMounted = true;
  const id = pending;
  pending = undefined;
  return id;
}

/** The pick menu unmounts (the graph view closed): clicks are remembered again. */
export function pickMenuGone(): void {
  menuMounted = false;
}
