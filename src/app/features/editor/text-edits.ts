/**
 * The edits the app makes to the user's text (a suggested fix, a deleted pod, the CNI), in one
 * lazy chunk: they are needed only when the user asks for one, never for the first paint.
 */
export { applyTextEdit, toFixEdit } from './fix-edit';
export { toDeletePodEdit } from './delete-pod-edit';
export { toCniEdit } from './cni-edit';
