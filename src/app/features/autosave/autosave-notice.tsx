/**
 * The autosave notice under the header: work restored (Discard), a link that replaced it (Go
 * back), an entry that could not be read, or storage that cannot keep the work (Download).
 * Lazily loaded with the autosave module.
 */
import { useSyncExternalStore } from 'react';
import { useAppStoreApi } from '../../store/store-context';
import { autosaveOf, type Autosave } from './autosave-controller';
import { formatSavedAt, type AutosaveNotice as Notice } from './autosave-opening';

const NONE: Autosave['subscribe'] = () => () => undefined;

function message(notice: Notice): string {
  switch (notice.kind) {
    case 'restored':
      return `Restored your unsaved work from ${formatSavedAt(notice.savedAt, Date.now())}.`;
    case 'link-opened':
      return `This link opened its own text. Your unsaved work from ${formatSavedAt(notice.savedAt, Date.now())} is kept.`;
    case 'corrupt':
      return `Your autosaved work could not be read (${notice.reason}), so it was ignored.`;
    case 'quota':
      return 'Your work could not be saved in this browser: its storage is full. Your text is still here: download it to keep it.';
    case 'blocked':
      return 'This browser does not let the page keep your work (storage is blocked). Download it to keep it.';
  }
}

const ACTION =
  'rounded border border-current px-2 py-0.5 font-semibold hover:bg-white/40 focus:outline-none focus:ring-2 focus:ring-blue-300';

export function AutosaveNotice() {
  const store = useAppStoreApi();
  const autosave = autosaveOf(store);
  const notice = useSyncExternalStore(autosave?.subscribe ?? NONE, () => autosave?.getNotice());
  if (!autosave || !notice) return null;
  const warning = notice.kind === 'quota' || notice.kind === 'blocked' || notice.kind === 'corrupt';
  return (
    <div
      role={warning ? 'alert' : 'status'}
      data-testid="autosave-notice"
      data-kind={notice.kind}
      className={`flex items-center gap-3 px-4 py-2 text-sm ${warning ? 'bg-amber-100 text-amber-950' : 'bg-emerald-50 text-emerald-950'}`}
    >
      <span className="flex-1">{message(notice)}</span>
      {notice.kind === 'restored' && (
        <button
          type="button"
          data-testid="autosave-discard"
          className={ACTION}
          onClick={() => void autosave.discard()}
        >
          Discard
        </button>
      )}
      {notice.kind === 'link-opened' && (
        <button
          type="button"
          data-testid="autosave-go-back"
          className={ACTION}
          onClick={() => void autosave.goBack()}
        >
          Go back to my work
        </button>
      )}
      {(notice.kind === 'quota' || notice.kind === 'blocked') && (
        <button
          type="button"
          data-testid="autosave-download"
          className={ACTION}
          onClick={() => void import('../files/open-files').then((m) => m.downloadScenario(store))}
        >
          Download
        </button>
      )}
      <button
        type="button"
        data-testid="autosave-dismiss"
        title="Close this notice"
        className="rounded px-2 font-semibold underline"
        onClick={() => autosave.dismiss()}
      >
        {notice.kind === 'restored' ? 'Keep' : 'Dismiss'}
      </button>
    </div>
  );
}
