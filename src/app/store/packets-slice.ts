/**
 * The packets slice: every packet of the last send (one, or ten for "Send 10"), the text they
 * were traced from, and the playback controls' state. Written on a send, on each control press
 * and once per hop — never once per animation frame.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { Trace } from '../../engine/types';
import type { PlaybackStatus } from '../features/playback/playback-machine';

export interface PacketsSlice {
  /** Every packet of the last send; `trace` is the selected one, the one the event list follows. */
  traces: readonly Trace[];
  /** Which packet of `traces` the event list, the header card and the playback follow. */
  selectedPacket: number;
  /** The text the traces were made from (editor highlights are exact only for it). */
  traceText: string | undefined;
  /** How far apart (ms) the packets of the last send leave; undefined: the packet layer's default. */
  stagger: number | undefined;
  playStatus: PlaybackStatus;
  playSpeed: number;
  setTraces: (traces: readonly Trace[], text: string | undefined, stagger?: number) => void;
  setPlayStatus: (status: PlaybackStatus) => void;
  setPlaySpeed: (speed: number) => void;
  /** Follows packet `index` of the last send (its trace becomes `trace`). */
  selectPacket: (index: number) => void;
}

/** The slice's state and actions, to spread into the app store's initialiser. */
export function createPacketsSlice<S extends PacketsSlice & { trace: Trace | undefined }>(
  set: StoreApi<S>['setState'],
): PacketsSlice {
  const update = (partial: Partial<PacketsSlice>) => set(partial as unknown as Partial<S>);
  return {
    traces: [],
    selectedPacket: 0,
    traceText: undefined,
    stagger: undefined,
    playStatus: 'idle',
    playSpeed: 1,
    setTraces: (traces, traceText, stagger) =>
      update({ traces, traceText, selectedPacket: 0, stagger }),
    setPlayStatus: (playStatus) => update({ playStatus }),
    setPlaySpeed: (playSpeed) => update({ playSpeed }),
    selectPacket: (index) =>
      set((s) => {
        const trace = s.traces[index];
        if (!trace || index === s.selectedPacket) return s;
        return { selectedPacket: index, trace } as Partial<S>;
      }),
  };
}
