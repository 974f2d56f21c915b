/**
 * Where a step's ```packet blocks start, line by line, following the same fences as the lesson
 * parser (a fence inside another fence is text, not a packet). The renderer meets the blocks by
 * their line, and `LessonStep.packets` lists them in this order.
 */

const OPEN = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)?.*$/;
const CLOSE = /^ {0,3}(`{3,}|~{3,})\s*$/;

/**
 * The 1-based line of each ```packet fence in `body`, mapped to its index among the packets.
 *
 * @example toPacketLines('Send it:\n```packet\nfrom: a\nto: b\n```').get(2) // 0
 */
export function toPacketLines(body: string): Map<number, number> {
  const lines = body.split('\n');
  const found = new Map<number, number>();
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (fence) {
      const close = CLOSE.exec(line)?.[1];
      if (close && close[0] === fence[0] && close.length >= fence.length) fence = undefined;
      continue;
    }
    const open = OPEN.exec(line);
    if (open?.[1]) {
      fence = open[1];
      if ((open[2] ?? '').toLowerCase() === 'packet') found.set(i + 1, found.size);
    }
  }
  return found;
}
