import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * `React.lazy` with a `preload()`. Once its module has loaded, the component renders at once:
 * React.lazy takes a thenable that answers synchronously, so no Suspense fallback is shown for a
 * frame and nothing waits for React's throttled reveal of suspended content (~300 ms).
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
): { Component: LazyExoticComponent<ComponentType<P>>; preload: () => Promise<ComponentType<P>> } {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // A failed download may succeed next time (the network came back).
        loading = undefined;
        throw error;
      },
    ));
  const Component = lazy(() => {
    const component = loaded;
    if (component) {
      const now = {
        then: (done: (m: { default: ComponentType<P> }) => void) => done({ default: component }),
      };
      return now as unknown as Promise<{ default: ComponentType<P> }>;
    }
    return preload().then((c) => ({ default: c }));
  });
  return { Component, preload };
}
