/**
 * A lesson's Markdown as React elements (react-markdown): raw HTML is skipped, link targets go
 * through react-markdown's URL filter (`javascript:` and other unsafe schemes become empty), and
 * no HTML string is ever injected. ```packet blocks become buttons that pick and send the packet.
 */
import Markdown, { type Components } from 'react-markdown';
import type { LessonPacket } from './lesson-file';
import { toPacketLines } from './packet-lines';

export function PacketButton({
  packet,
  onSend,
}: {
  packet: LessonPacket;
  onSend: (packet: LessonPacket) => void;
}) {
  return (
    <button
      type="button"
      data-testid="lesson-packet"
      data-from={packet.from}
      data-to={packet.to}
      onClick={() => onSend(packet)}
      className="my-2 flex w-full items-center gap-2 rounded-md border border-blue-300 bg-blue-50 px-3 py-1.5 text-left text-sm text-blue-950 hover:bg-blue-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-400"
    >
      <span aria-hidden="true" className="text-blue-700">
        ▶
      </span>
      <span className="font-semibold">Send</span>
      <span
        className="min-w-0 flex-1 truncate font-mono text-[13px]"
        title={`${packet.from} → ${packet.to}`}
      >
        {packet.from} → {packet.to}
      </span>
    </button>
  );
}

/** Renders lesson Markdown; `packets` are the text's ```packet blocks in order (may be empty). */
export function LessonMarkdown({
  text,
  packets = [],
  onSend,
}: {
  text: string;
  packets?: readonly LessonPacket[];
  onSend?: (packet: LessonPacket) => void;
}) {
  const packetLines = toPacketLines(text);
  const components: Components = {
    pre({ node, children }) {
      const line = node?.position?.start.line;
      const index = line === undefined ? undefined : packetLines.get(line);
      const packet = index === undefined ? undefined : packets[index];
      if (packet && onSend) return <PacketButton packet={packet} onSend={onSend} />;
      return <pre>{children}</pre>;
    },
    a({ href, children }) {
      // An unsafe target was emptied by the URL filter: show the words, not a link.
      if (!href) return <span>{children}</span>;
      return (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {children}
        </a>
      );
    },
    img({ alt }) {
      // Lessons never load images (the app works offline and fetches nothing): show the alt text.
      return alt ? <span className="italic">[{alt}]</span> : null;
    },
  };
  return (
    <div className="lesson-md">
      <Markdown skipHtml components={components}>
        {text}
      </Markdown>
    </div>
  );
}
