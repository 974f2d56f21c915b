/**
 * Open and Download: a lazy chunk the header shows a moment after the first paint; reading,
 * joining and downloading load on first use. The drop target is in the entry chunk
 * (file-drop-zone.tsx), so a file dropped early never replaces the page.
 */
import { useRef } from 'react';
import { useAppStoreApi, useController } from '../../store/store-context';
import { loadFileActions, openFileList } from './open-file-list';

const BUTTON =
  'whitespace-nowrap border border-slate-300 bg-white px-2.5 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus:relative focus:outline-none focus:ring-2 focus:ring-blue-300';

/** The header's Open (a file chooser for .yaml/.yml) and Download (the text as .yaml). */
export function FileControls() {
  const store = useAppStoreApi();
  const controller = useController();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div role="group" aria-label="YAML files" className="flex shrink-0">
      <input
        ref={input}
        type="file"
        multiple
        accept=".yaml,.yml,.json,application/yaml,text/yaml"
        hidden
        data-testid="file-input"
        onChange={(event) => {
          openFileList(event.currentTarget.files, store, controller);
          event.currentTarget.value = ''; // choosing the same file again opens it again
        }}
      />
      <button
        type="button"
        data-testid="file-open"
        title="Open .yaml files (several are joined with ---); you can also drop them on the page"
        onClick={() => input.current?.click()}
        className={`${BUTTON} rounded-l-md`}
      >
        Open
      </button>
      <button
        type="button"
        data-testid="file-download"
        title="Download the YAML as a file"
        onClick={() =>
          void loadFileActions()
            .then((m) => m.downloadScenario(store))
            .catch(() => store.getState().showBanner('error', 'The download could not start.'))
        }
        className={`${BUTTON} -ml-px rounded-r-md`}
      >
        Download
      </button>
    </div>
  );
}
