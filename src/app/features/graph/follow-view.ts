/**
 * Where the graph's viewport goes: fitting the whole layout into the pane (minus the toolbar's
 * strip), and, when presenting, following the packet — first its whole path, then the hop it is
 * at — never zoomed out so far that a card's title is smaller than the room can read.
 *
 * Plain functions over rectangles (flow coordinates) and pane sizes (screen pixels): the graph
 * view measures, these decide, React Flow animates.
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

export interface Pane {
  readonly width: number;
  readonly height: number;
}

/** Screen pixels along each side of the pane that the graph must not be drawn under. */
export interface Insets {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export const NO_INSETS: Insets = { top: 0, right: 0, bottom: 0, left: 0 };

/** The smallest rectangle holding all of `rects`, or undefined for none. */
export function unionRects(rects: readonly (Rect | undefined)[]): Rect | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rects) {
    if (!r) continue;
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  return minX === Infinity
    ? undefined
    : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** The free area of the pane (screen pixels) once the insets and a margin are taken off. */
function freeArea(pane: Pane, insets: Insets, margin: number): Rect {
  const x = insets.left + margin;
  const y = insets.top + margin;
  return {
    x,
    y,
    width: Math.max(1, pane.width - insets.right - margin - x),
    height: Math.max(1, pane.height - insets.bottom - margin - y),
  };
}

/** The zoom at which `bounds` just fills the free area. */
function fillZoom(bounds: Rect, area: Rect): number {
  return Math.min(area.width / Math.max(1, bounds.width), area.height / Math.max(1, bounds.height));
}

/** The viewport that puts flow point `centre` at the centre of `area`, at `zoom`. */
function centreOn(centre: { x: number; y: number }, area: Rect, zoom: number): Viewport {
  return {
    x: area.x + area.width / 2 - centre.x * zoom,
    y: area.y + area.height / 2 - centre.y * zoom,
    zoom,
  };
}

const centreOf = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

export interface FitOptions {
  readonly insets?: Insets;
  /** Screen pixels kept free around the fitted rectangle. */
  readonly margin?: number;
  readonly minZoom: number;
  readonly maxZoom: number;
}

/**
 * The viewport showing all of `bounds` as large as the pane allows, centred in the free area
 * (the pane minus the insets and the margin).
 *
 * @example fitViewport({ x: 0, y: 0, width: 1000, height: 500 }, { width: 500, height: 500 },
 *   { minZoom: 0.1, maxZoom: 2 }) // { x: 0, y: 125, zoom: 0.5 }
 */
export function fitViewport(bounds: Rect, pane: Pane, options: FitOptions): Viewport {
  const area = freeArea(pane, options.insets ?? NO_INSETS, options.margin ?? 0);
  const zoom = clamp(fillZoom(bounds, area), options.minZoom, options.maxZoom);
  return centreOn(centreOf(bounds), area, zoom);
}

/** Whether two rectangles (same coordinates) overlap by more than a hair. */
function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.x < b.x + b.width - 0.5 &&
    b.x < a.x + a.width - 0.5 &&
    a.y < b.y + b.height - 0.5 &&
    b.y < a.y + a.height - 0.5
  );
}

/**
 * Fits `bounds` as large as it goes while no card lies under `toolbar` (a screen rectangle
 * over the pane's top-left): the full pane when the cards miss the toolbar there (the usual
 * case: the left columns sit mid-height), else the pane below the toolbar's bottom edge.
 */
export function fitViewportBeside(
  bounds: Rect,
  cards: readonly Rect[],
  toolbar: Rect | undefined,
  pane: Pane,
  options: Omit<FitOptions, 'insets'>,
): Viewport {
  const full = fitViewport(bounds, pane, options);
  if (!toolbar) return full;
  const covered = cards.some((c) =>
    overlaps(toolbar, {
      x: c.x * full.zoom + full.x,
      y: c.y * full.zoom + full.y,
      width: c.width * full.zoom,
      height: c.height * full.zoom,
    }),
  );
  if (!covered) return full;
  const insets = { ...NO_INSETS, top: toolbar.y + toolbar.height };
  return fitViewport(bounds, pane, { ...options, insets });
}

export interface FollowOptions extends FitOptions {
  /** The smallest zoom at which a card's title reads (presenting: 16 px on screen). */
  readonly readableZoom: number;
}

/**
 * The viewport following a packet: the whole `path` when it fits at a readable zoom (as large
 * as the pane allows), else the place the packet is `at` and the `next` one at the readable
 * zoom (only `at` when the two are too far apart to show together), slid along each axis so
 * as much of the path as possible stays in view.
 */
export function followViewport(
  path: Rect,
  at: Rect,
  next: Rect | undefined,
  pane: Pane,
  options: FollowOptions,
): Viewport {
  const area = freeArea(pane, options.insets ?? NO_INSETS, options.margin ?? 0);
  const readable = Math.min(options.readableZoom, options.maxZoom);
  const zoom = clamp(fillZoom(path, area), Math.max(readable, options.minZoom), options.maxZoom);
  const both = unionRects([at, next])!;
  const centre = { ...centreOf(path) };
  // Along an axis where the path is longer than the view, centre the focus, but never show
  // beyond the path's ends (the view stays on the path, the packet stays in the view).
  const axis = (key: 'x' | 'y', size: 'width' | 'height') => {
    const span = area[size] / zoom;
    if (path[size] <= span) return;
    const half = span / 2;
    const focus = both[size] <= span ? both : at;
    const wanted = focus[key] + focus[size] / 2;
    centre[key] = clamp(wanted, path[key] + half, path[key] + path[size] - half);
  };
  axis('x', 'width');
  axis('y', 'height');
  return centreOn(centre, area, zoom);
}

/**
 * The zoom at which text of `fontPx` (flow units) shows at `targetPx` screen pixels, with a
 * hair of slack for sub-pixel rounding.
 *
 * @example readableZoom(18, 16) // 0.9
 */
export function readableZoom(fontPx: number, targetPx: number): number {
  return fontPx > 0 ? (targetPx / fontPx) * 1.0125 : 1;
}

/** Whether two viewports differ by less than a pixel and a hundredth of zoom (no animation). */
export function sameViewport(a: Viewport, b: Viewport): boolean {
  return Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1 && Math.abs(a.zoom - b.zoom) < 0.01;
}
