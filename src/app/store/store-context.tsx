import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppController } from '../app-controller';
import type { AppState, AppStore } from './app-store';

const StoreContext = createContext<{ store: AppStore; controller: AppController } | null>(null);

export function AppProvider({
  store,
  controller,
  children,
}: {
  store: AppStore;
  controller: AppController;
  children: ReactNode;
}) {
  return <StoreContext.Provider value={{ store, controller }}>{children}</StoreContext.Provider>;
}

function useAppContext() {
  const value = useContext(StoreContext);
  if (!value) throw new Error('AppProvider is missing');
  return value;
}

/** A narrow selector on the app store. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppContext().store, selector);
}

export function useController(): AppController {
  return useAppContext().controller;
}

/** The store itself, for effects that subscribe outside React renders. */
export function useAppStoreApi(): AppStore {
  return useAppContext().store;
}
