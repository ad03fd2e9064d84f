import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { connectSse, type SseClient } from '../../../test/sse.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
const streams: SseClient[] = [];
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
});
afterAll(async () => {
  for (const s of streams) s.close();
  await t.close();
});

async function open(path: string, token: string): Promise<SseClient> {
  const client = await connectSse(`${t.url}${path}`, { token });
  expect(client.status).toBe(200);
  streams.push(client);
  return client;
}

describe('call events', () => {
  it('reach the admin stream with who marked it done, and the table’s own stream without', async () => {
    const w = await f.world({ tables: 2 });
    const other = await f.world({ tables: 1 });
    const reasons = (await t.api.get('/api/v1/admin/call-reasons', { token: w.owner.token })).body.reasons;
    const water = reasons.find((r: { label: string }) => r.label === '물').id;

    const admin = await open('/api/v1/admin/stream', w.manager.token);
    const otherAdmin = await open('/api/v1/admin/stream', other.owner.token);
    const tablet = await open('/api/v1/table/stream', w.table1.token);
    const neighbour = await open('/api/v1/table/stream', w.table2.token);

    const made = await t.api.post('/api/v1/table/calls', { reasonIds: [water] }, { token: w.table1.token });
    expect(made.status).toBe(201);
    const merged = await t.api.post('/api/v1/table/calls', { note: '빨리요' }, { token: w.table1.token });
    expect(merged.status).toBe(200);
    const handled = await t.api.post(`/api/v1/admin/calls/${made.body.id}/done`, undefined, {
      token: w.manager.token,
    });
    expect(handled.status).toBe(200);
    const doneBy = { adminId: w.manager.id, username: w.manager.username };

    // call.created once, call.updated twice (the merge, then done).
    await admin.waitUntil(() => admin.of('call.created', 'call.updated').length === 3, 2_000, 'three call events');
    const onAdmin = admin.of('call.created', 'call.updated');
    expect(onAdmin.map((m) => m.type)).toEqual(['call.created', 'call.updated', 'call.updated']);
    expect(onAdmin[0]!.data.call).toEqual(made.body);
    expect(onAdmin[1]!.data.call).toMatchObject({ id: made.body.id, note: '빨리요', pressCount: 2, status: 'open' });
    expect(onAdmin[2]!.data.call).toEqual({ ...handled.body, doneBy });

    await tablet.waitUntil(() => tablet.of('call.created', 'call.updated').length === 3, 2_000, 'three call events');
    const onTablet = tablet.of('call.created', 'call.updated');
    expect(onTablet.map((m) => m.data.call.status)).toEqual(['open', 'open', 'done']);
    expect(onTablet[2]!.data.call).toEqual({ ...handled.body, doneBy: null });
    expect(onTablet.map((m) => m.id)).toEqual(onAdmin.map((m) => m.id));

    // Nothing of it reaches another table of the store or another store's staff.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(neighbour.of('call.created', 'call.updated')).toEqual([]);
    expect(otherAdmin.of('call.created', 'call.updated')).toEqual([]);
  });
});
