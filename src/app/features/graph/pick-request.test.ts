import { afterEach, describe, expect, it, vi } from 'vitest';
import { closePickMenu, openPickMenu, pickMenuTarget, subscribePickMenu } from './pick-request';

afterEach(closePickMenu);

describe('the card the pick menu is open on', () => {
  it('is the last card clicked, whether or not the menu has loaded, until closed', () => {
    expect(pickMenuTarget()).toBeUndefined();
    openPickMenu('pod/default/a-0');
    openPickMenu('internet');
    expect(pickMenuTarget()).toBe('internet');
    closePickMenu();
    expect(pickMenuTarget()).toBeUndefined();
  });

  it('tells its listeners of each change, and only of changes', () => {
    const listener = vi.fn();
    const unsubscribe = subscribePickMenu(listener);
    openPickMenu('pod/default/a-0');
    openPickMenu('pod/default/a-0');
    closePickMenu();
    closePickMenu();
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    openPickMenu('pod/default/b-0');
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
