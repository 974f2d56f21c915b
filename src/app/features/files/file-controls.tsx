/**
 * Open, Download and the drop target: a lazy chunk the header shows a moment after the first
 * paint; reading, joining and downloading load on first use.
 */
import { useEffect, useRef, useState } from 'react';
import { useAppStoreApi, useController } from '../../store/store-context';
import type { AppController } from '../../app-controller';
import type { AppStore } from '../../store/app-store';

const loadFileActions = () => import('./open-files');

const BUTTON =
  'whitespace-nowrap border border-slate-300 bg-white px-2.5 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus:relative focus:outline-none focus:ring-2 focus:ring-blue-300';

function openFileList(files: FileList | null, store: AppStore, controller: AppController) {
  const list = [...(files ?? [])];
  if (list.length === 0) return;
  void loadFileActions()
    .then((m) => m.openFiles(list, store, controller))
    .catch(() =>
      store
        .getState()
        .showBanner('error', 'The files could not be opened (reload the page and try again).'),
    );
}

/** The header's Open and Download buttons, and the page's drop target. */
export function FileControls() {
  return (
    <>
      <FileButtons />
      <FileDropZone />
    </>
  );
}

/** The header's Open (a file chooser for .yaml/.yml) and Download (the text as .yaml). */
function FileButtons() {
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

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Files dragged over the page: a visible drop state over everything, and the dropped files
 * opened. Listens in the capture phase so the editor does not take the drop as text.
 */
function FileDropZone() {
  const store = useAppStoreApi();
  const controller = useController();
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setOver(true);
    };
    const overPage = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault(); // allows the drop
      event.stopPropagation();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.stopPropagation();
      depth = 0;
      setOver(false);
      openFileList(event.dataTransfer?.files ?? null, store, controller);
    };
    window.addEventListener('dragenter', enter, true);
    window.addEventListener('dragover', overPage, true);
    window.addEventListener('dragleave', leave, true);
    window.addEventListener('drop', drop, true);
    return () => {
      window.removeEventListener('dragenter', enter, true);
      window.removeEventListener('dragover', overPage, true);
      window.removeEventListener('dragleave', leave, true);
      window.removeEventListener('drop', drop, true);
    };
  }, [store, controller]);
  if (!over) return null;
  return (
    <div
      data-testid="file-drop-zone"
      className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-blue-900/30 p-8"
    >
      <p className="rounded-xl border-4 border-dashed border-blue-500 bg-white px-10 py-8 text-xl font-semibold text-blue-900 shadow-xl">
        Drop .yaml files to open them
      </p>
    </div>
  );
}
