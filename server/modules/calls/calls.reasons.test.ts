import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
});
afterAll(() => t.close());

const REASONS = '/api/v1/admin/call-reasons';
type Reason = { id: string; label: string; sortOrder: number; translations: Record<string, unknown> };

async function reasonsOf(token: string): Promise<Reason[]> {
  const res = await t.api.get(REASONS, { token });
  expect(res.status).toBe(200);
  return res.body.reasons;
}

describe('call presets', () => {
  it('start as 물, 수저·젓가락, 앞접시, 물티슈, 계산 요청, and the table menu carries them', async () => {
    const w = await f.world();
    const reasons = await reasonsOf(w.manager.token);
    expect(reasons.map((r) => r.label)).toEqual(['물', '수저·젓가락', '앞접시', '물티슈', '계산 요청']);
    expect(reasons.map((r) => r.sortOrder)).toEqual([0, 1, 2, 3, 4]);
    const menu = await t.api.get('/api/v1/table/menu', { token: w.table1.token });
    expect(menu.body.callReasons).toEqual(reasons);
  });

  it('are replaced in order: sent ids keep their row (and translations), new ones are added, the rest removed', async () => {
    const w = await f.world();
    const [water, spoons, plates] = await reasonsOf(w.owner.token);
    const first = await t.api.put(
      REASONS,
      { reasons: [{ id: water!.id, label: '물', translations: { en: { name: 'Water' }, ja: { name: '水' } } }] },
      { token: w.manager.token },
    );
    expect(first.status).toBe(200);
    expect(first.body.reasons).toEqual([
      { id: water!.id, label: '물', sortOrder: 0, translations: { en: { name: 'Water' }, ja: { name: '水' } } },
    ]);

    const second = await t.api.put(
      REASONS,
      {
        reasons: [
          { label: '불판 교체', translations: { en: { name: 'Change the grill' } } },
          { id: water!.id.toUpperCase(), label: '찬물' },
        ],
      },
      { token: w.owner.token },
    );
    expect(second.status).toBe(200);
    expect(second.body.reasons).toEqual([
      { id: expect.any(String), label: '불판 교체', sortOrder: 0, translations: { en: { name: 'Change the grill' } } },
      // Sent without translations: the row keeps the ones it had.
      { id: water!.id, label: '찬물', sortOrder: 1, translations: { en: { name: 'Water' }, ja: { name: '水' } } },
    ]);
    expect(await reasonsOf(w.manager.token)).toEqual(second.body.reasons);
    // A removed preset's id is gone for good.
    const stale = await t.api.put(REASONS, { reasons: [{ id: spoons!.id, label: '수저' }] }, { token: w.owner.token });
    expect(stale.status).toBe(400);
    expect(plates).toBeDefined();
  });

  it('refuse an empty list, more than 12, another store’s id, twice the same id or label, changing nothing', async () => {
    const w = await f.world();
    const other = await f.world();
    const before = await reasonsOf(w.owner.token);
    const [theirs] = await reasonsOf(other.owner.token);
    const thirteen = Array.from({ length: 13 }, (_, i) => ({ label: `요청 ${i + 1}` }));
    const cases: Array<[unknown, string]> = [
      [{ reasons: [] }, 'body.reasons'],
      [{ reasons: thirteen }, 'body.reasons'],
      [{ reasons: [{ id: theirs!.id, label: '물' }] }, 'body.reasons.0.id'],
      [
        { reasons: [{ label: '물' }, { id: before[0]!.id, label: '얼음물' }, { id: before[0]!.id, label: '찬물' }] },
        'body.reasons.2.id',
      ],
      [{ reasons: [{ label: '물' }, { label: '물' }] }, 'body.reasons.1.label'],
      [{ reasons: [{ label: '' }] }, 'body.reasons.0.label'],
      [{ reasons: [{ label: '가'.repeat(21) }] }, 'body.reasons.0.label'],
      [{ reasons: [{ label: '\u200b\u3164' }] }, 'body.reasons.0.label'],
      [{ reasons: [{ label: '물', translations: { fr: { name: 'Eau' } } }] }, 'body.reasons.0.translations'],
    ];
    for (const [body, path] of cases) {
      const res = await t.api.put(REASONS, body, { token: w.owner.token });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.fields.map((field: { path: string }) => field.path)).toContain(path);
    }
    expect(await reasonsOf(w.owner.token)).toEqual(before);
    expect((await reasonsOf(other.owner.token))[0]).toEqual(theirs);
  });

  it('accept exactly 12', async () => {
    const w = await f.world();
    const twelve = Array.from({ length: 12 }, (_, i) => ({ label: `요청 ${i + 1}` }));
    const res = await t.api.put(REASONS, { reasons: twelve }, { token: w.manager.token });
    expect(res.status).toBe(200);
    expect(res.body.reasons.map((r: Reason) => r.label)).toEqual(twelve.map((r) => r.label));
  });

  it('emit menu.updated and change the table menu’s ETag', async () => {
    const w = await f.world();
    const before = await t.api.get('/api/v1/table/menu', { token: w.table1.token });
    const etag = before.headers.get('etag')!;
    const since = await t.app.events.latestSeq(w.store.id);
    const res = await t.api.put(REASONS, { reasons: [{ label: '앞치마' }] }, { token: w.manager.token });
    expect(res.status).toBe(200);
    const events = await t.app.events.readAfter(w.store.id, since);
    expect(events.map((e) => e.type)).toEqual(['menu.updated']);
    const after = await t.api.get('/api/v1/table/menu', { token: w.table1.token, headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.body.callReasons.map((r: Reason) => r.label)).toEqual(['앞치마']);
  });

  it('are staff-only (a table gets 403) and each store has its own', async () => {
    const w = await f.world();
    const other = await f.world();
    expect((await t.api.get(REASONS, { token: w.table1.token })).status).toBe(403);
    expect((await t.api.put(REASONS, { reasons: [{ label: '물' }] }, { token: w.table1.token })).status).toBe(403);
    const mine = (await reasonsOf(w.owner.token)).map((r) => r.id);
    const theirs = (await reasonsOf(other.owner.token)).map((r) => r.id);
    expect(mine.filter((id) => theirs.includes(id))).toEqual([]);
  });
});
