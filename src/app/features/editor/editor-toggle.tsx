/**
 * Showing and hiding the editor column: a toggle in the header, and — while it is hidden (the
 * default when presenting) — a slim strip at the left edge to bring it back in one click.
 */
import { useAppStore } from '../../store/store-context';
import { selectEditorHidden } from '../../store/layout-slice';

function PencilIcon({ size = 16 }: { size?: number }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      width={size}
      height={size}
      fill="none"
      stroke="currentColor"
      strokeWidth={2.2}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M4 20h4L19 9l-4-4L4 16v4ZM13.5 6.5l4 4" />
    </svg>
  );
}

/** The header's toggle: pressed while the editor is shown. */
export function EditorToggle() {
  const hidden = useAppStore(selectEditorHidden);
  const setHidden = useAppStore((s) => s.setEditorHidden);
  return (
    <button
      type="button"
      data-testid="editor-toggle"
      aria-pressed={!hidden}
      title={
        hidden
          ? 'Show the YAML editor'
          : 'Hide the YAML editor: the graph and the trace fill the screen'
      }
      onClick={() => setHidden(!hidden)}
      className="flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-blue-300"
    >
      <PencilIcon /> {hidden ? 'Show editor' : 'Hide editor'}
    </button>
  );
}

/** The strip where the editor was: one click brings it back. */
export function EditorRestoreStrip() {
  const setHidden = useAppStore((s) => s.setEditorHidden);
  return (
    <button
      type="button"
      data-testid="editor-restore"
      title="Show the YAML editor"
      onClick={() => setHidden(false)}
      className="flex min-h-0 flex-col items-center gap-2 border-r border-slate-200 bg-white px-1.5 py-3 text-xs font-semibold text-slate-700 hover:bg-blue-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-blue-400"
    >
      <PencilIcon size={18} />
      <span className="[writing-mode:vertical-rl]">Show the YAML editor</span>
    </button>
  );
}
