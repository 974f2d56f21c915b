/** The banner slice: one message above the app (an engine restart, a copied link). */
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

export interface BannerSlice {
  banner: { kind: 'error' | 'info'; message: string } | undefined;
  showBanner: (kind: 'error' | 'info', message: string) => void;
  dismissBanner: () => void;
}

export const createBannerSlice: StateCreator<AppState, [], [], BannerSlice> = (set) => ({
  banner: undefined,
  showBanner: (kind, message) => set({ banner: { kind, message } }),
  dismissBanner: () => set({ banner: undefined }),
});
