/** Opening chosen or dropped files: the reading code is a lazy chunk, loaded on first use. */
import type { AppController } from '../../app-controller';
import type { AppStore } from '../../store/app-store';

export const loadFileActions = () => import('./open-files');

export function openFileList(
  files: FileList | null,
  store: AppStore,
  controller: AppController,
): void {
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
