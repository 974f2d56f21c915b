import { describe, expect, it } from 'vitest';
import { notePickBeforeMenu, pickMenuGone, takePickBeforeMenu } from './early-pick';

describe('a card clicked before the pick menu has loaded', () => {
  it('opens the menu on that card when it mounts, once; clicks while it listens are its own', () => {
    notePickBeforeMenu('pod/default/a-0');
    notePickBeforeMenu('internet');
    expect(takePickBeforeMenu()).toBe('internet');
    notePickBeforeMenu('pod/default/b-0');
    pickMenuGone();
    expect(takePickBeforeMenu()).toBeUndefined();
    pickMenuGone();
    notePickBeforeMenu('pod/default/c-0');
    expect(takePickBeforeMenu()).toBe('pod/default/c-0');
    pickMenuGone();
  });
});
