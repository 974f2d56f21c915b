/**
 * The playback slice: the flight of the last send and the playback controls' state. Written on
 * a send, on each control press and once per hop — never once per animation frame.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { PlaybackStatus } from '../features/playback/playback-machine';
import type { AppState } from './app-store';

export interface PlaybackSlice {
  /** Bumped on each send: the packet layer starts a new flight when it changes. */
  flightId: number;
  flight: 'idle' | 'flying' | 'arrived' | 'dropped';
  /** The hop the packet is at (-1 before the first); set once per hop, never per frame. */
  flightHop: number;
  playStatus: PlaybackStatus;
  playSpeed: number;
  setFlightHop: (hop: number) => void;
  setFlight: (flight: PlaybackSlice['flight']) => void;
  setPlayStatus: (status: PlaybackStatus) => void;
  setPlaySpeed: (speed: number) => void;
}

export const createPlaybackSlice: StateCreator<AppState, [], [], PlaybackSlice> = (set) => ({
  flightId: 0,
  flight: 'idle',
  flightHop: -1,
  playStatus: 'idle',
  playSpeed: 1,
  setFlightHop: (flightHop) => set({ flightHop }),
  setFlight: (flight) => set({ flight }),
  setPlayStatus: (playStatus) => set({ playStatus }),
  setPlaySpeed: (playSpeed) => set({ playSpeed }),
});
