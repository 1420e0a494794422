import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RestSink, startRestSink } from './rest-sink.ts';

let sink: RestSink;
beforeAll(async () => {
  sink = await startRestSink();
});
afterAll(async () => {
  await sink.close();
});

describe('REST sink', () => {
  it('records each callback on arrival with its type and answers as Discord does with_response', async () => {
    const seen: string[] = [];
    sink.onCallback((id) => seen.push(id));
    const url = `${sink.apiUrl}/v10/interactions/1300000000000000001/tok-en/callback?with_response=true`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 4, data: { content: 'hi' } }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ resource: { type: 4, message: { id: '1300000000000000001' } } });
    await fetch(url, { method: 'POST', body: 'not json' });
    expect(seen).toEqual(['1300000000000000001', '1300000000000000001']);
    expect(sink.callbacks.get('1300000000000000001')?.map((c) => c.type)).toEqual([4, 0]);
  });

  it('counts other requests by route shape, without ids or tokens', async () => {
    const token = 'a'.repeat(64);
    const response = await fetch(`${sink.apiUrl}/v10/webhooks/1300000000000000002/${token}/messages/@original`, {
      method: 'PATCH',
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect([...sink.other]).toEqual([['PATCH /api/v10/webhooks/{id}/{token}/messages/@original', 1]]);
  });
});
