import { createElement, Suspense, type ComponentType } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { lazyComponent } from './lazy-component';

function Hello({ name }: { name: string }) {
  return createElement('p', null, `hello ${name}`);
}

const page = (component: ComponentType<{ name: string }>) =>
  createElement(
    Suspense,
    { fallback: createElement('p', null, 'loading') },
    createElement(component, { name: 'class' }),
  );

describe('lazyComponent', () => {
  it('suspends (fallback) until its module is loaded, like React.lazy', () => {
    const { Component } = lazyComponent(() => Promise.resolve(Hello));
    const html = renderToString(page(Component));
    expect(html).toContain('loading');
    expect(html).not.toContain('hello class');
  });

  it('once preloaded, renders at once: no fallback, not even for a first render', async () => {
    const { Component, preload } = lazyComponent(() => Promise.resolve(Hello));
    await preload();
    const html = renderToString(page(Component));
    expect(html).toContain('hello class');
    expect(html).not.toContain('loading');
  });

  it('loads once, and a failed load can be tried again', async () => {
    let calls = 0;
    const { preload } = lazyComponent(() => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('offline')) : Promise.resolve(Hello);
    });
    await expect(preload()).rejects.toThrow('offline');
    await expect(preload()).resolves.toBe(Hello);
    await preload();
    expect(calls).toBe(2);
  });
});
