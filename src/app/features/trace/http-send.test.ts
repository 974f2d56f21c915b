import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Query } from '../../../engine';
import { createInProcessClient } from '../../../engine-client/in-process-client';
import type { EngineClient } from '../../../engine-client/protocol';
import { createAppController } from '../../app-controller';
import { createAppStore } from '../../store/app-store';

const seed = readFileSync(new URL('../../../../scenarios/full-flow.yaml', import.meta.url), 'utf8');

/** The in-process engine, remembering the queries of every trace asked. */
function recordingClient(asked: Query[][]): EngineClient {
  const client = createInProcessClient();
  return {
    ...client,
    call: (type, params) => {
      if (type === 'trace') if ('queries' in params) asked.push([...params.queries]);
      return client.call(type, params);
    },
  };
}

describe("the HTTP fields go into the engine's query", () => {
  it('Send and Send 10 carry via, method and headers; a send naming its own To replaces them', async () => {
    const asked: Query[][] = [];
    const store = createAppStore(seed);
    const controller = createAppController(store, recordingClient(asked));
    await controller.load(seed);
    const http = { via: 'ingress', method: 'POST', headers: { Version: 'two' } };
    store.getState().setHttp(http);
    await controller.send();
    expect(asked.at(-1)).toEqual([{ from: 'internet', to: 'http://example.com/api', ...http }]);
    await controller.send(undefined, undefined, { count: 2 });
    expect(asked.at(-1)).toEqual([
      { from: 'internet', to: 'http://example.com/api', ...http, seed: 0 },
      { from: 'internet', to: 'http://example.com/api', ...http, seed: 1 },
    ]);
    // A lesson's or the API's packet is the whole packet: no HTTP fields left from a pick.
    await controller.send('internet', 'http://example.com/auth');
    expect(asked.at(-1)).toEqual([{ from: 'internet', to: 'http://example.com/auth' }]);
    expect(store.getState().http).toBeUndefined();
    await controller.send('internet', 'http://example.com/', { http: { method: 'HEAD' } });
    expect(asked.at(-1)).toEqual([{ from: 'internet', to: 'http://example.com/', method: 'HEAD' }]);
  });
});
