import { selectProblems } from '../store/problems-slice';
import { useAppStore } from '../store/store-context';

/** The bottom line: engine state, the first problem with its line, quiet notes. */
export function StatusBar() {
  const status = useAppStore((s) => s.status);
  const diagnostics = useAppStore((s) => s.diagnostics);
  const engineMessage = useAppStore((s) => s.engineMessage);
  // The same merged list the editor draws as markers, so the counts agree with them.
  const { errors, warnings, first } = useAppStore(selectProblems);
  const notes = diagnostics.filter((d) => d.severity === 'info');
  const where = first ? `line ${first.line}: ` : '';

  let message: string;
  let tone = 'text-slate-700';
  if (status === 'crash' || status === 'timeout') {
    message = `${engineMessage ?? 'The engine failed.'} The graph shows the last good result; your text is kept.`;
    tone = 'text-red-800';
  } else if (first) {
    message = `${where}${first.message}${status === 'held' ? ' (the graph shows the last good version)' : ''}`;
    tone = errors ? 'text-red-800' : 'text-amber-800';
  } else if (status === 'pending' || status === 'idle') {
    message = 'Analysing…';
  } else {
    message = 'No problems found.';
  }

  return (
    <footer
      data-testid="status-bar"
      data-status={status}
      data-problems={errors + warnings}
      className="flex h-8 shrink-0 items-center gap-4 border-t border-slate-200 bg-slate-50 px-3 text-[13px]"
    >
      <span
        data-testid="status-message"
        className={`min-w-0 flex-1 truncate ${tone}`}
        title={message}
      >
        {message}
      </span>
      <span className="shrink-0 text-slate-600" data-testid="diagnostic-counts">
        {errors} {errors === 1 ? 'error' : 'errors'} · {warnings}{' '}
        {warnings === 1 ? 'warning' : 'warnings'}
      </span>
      {notes.length > 0 && (
        <span
          data-testid="status-notes"
          className="max-w-[40%] shrink truncate text-slate-500"
          title={notes.map((n) => n.message).join('\n')}
        >
          Note: {notes.map((n) => n.message).join('; ')}
        </span>
      )}
    </footer>
  );
}
