/**
 * The file actions behind the header's Open and Download buttons and the page's drop target.
 * Lazily loaded on first use (reading and downloading are not needed for the first paint).
 */
import type { AppController } from '../../app-controller';
import type { AppStore } from '../../store/app-store';
import { downloadText, toDownloadName } from './download-text';
import { readYamlFiles, type OpenedFile } from './read-yaml-files';

/**
 * Opens files as the scenario text (one undo step in the editor); a refusal leaves the text as
 * it was and says why. Resolves true when the files were opened.
 */
export async function openFiles(
  files: readonly OpenedFile[],
  store: AppStore,
  controller: Pick<AppController, 'load'>,
): Promise<boolean> {
  const result = await readYamlFiles(files);
  if (!result.ok) {
    store.getState().showBanner('error', result.message);
    return false;
  }
  await controller.load(result.text, 'api');
  const names = result.names.length > 3 ? `${result.names.length} files` : result.names.join(', ');
  store
    .getState()
    .showBanner(
      'info',
      `Opened ${names}. Undo (Ctrl+Z in the editor) brings the previous text back.`,
    );
  return true;
}

/** Downloads the text as `<lesson>.yaml` or `scenario.yaml`. */
export function downloadScenario(store: AppStore): void {
  const { text, lesson } = store.getState();
  downloadText(text, toDownloadName(lesson?.lesson.slug));
}
