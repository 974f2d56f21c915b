/**
 * Files dragged over the page: a visible drop state over everything, and the dropped files
 * opened. In the entry chunk: a drop before the lazy header buttons load must not let the
 * browser open the file in place of the page (and lose the text).
 */
import { useEffect, useState } from 'react';
import { useAppStoreApi, useController } from '../../store/store-context';
import { openFileList } from './open-file-list';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Files dragged over the page: a visible drop state over everything, and the dropped files
 * opened. Listens in the capture phase so the editor does not take the drop as text.
 */
export function FileDropZone() {
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
