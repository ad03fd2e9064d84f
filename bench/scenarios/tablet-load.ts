import { randomUUID } from 'node:crypto';
import { openSseStream } from '../lib/sse-client.js';
import { type Distribution, distribution } from '../lib/stats.js';

/** One restaurant's evening in small: the demo store's tables ordering while the kitchen works. */
export interface TabletLoadOptions {
  url: string;
  /** The demo store's sign-in (seeded by the first start in development). */
  storeCode: string;
  tablePassword: string;
  staff: { username: string; password: string };
  tables: number;
  durationMs: number;
  /** A tablet waits about this long (0.5–1.5×) between one order and its next look at the menu. */
  thinkMs: number;
  /** A party leaves (staff end the table's session) after this many orders. */
  ordersPerParty: number;
}

export interface TabletLoadResult {
  orders: number;
  ordersPerSecond: number;
  orderLatency: Distribution;
  /** Order events the dashboard stream delivered (created and updated). */
  streamEvents: number;
  /** Answers other than the expected ones, by request and status. */
  errors: Record<string, number>;
}

interface Dish {
  id: string;
  isAvailable: boolean;
}

async function call(
  url: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/**
 * Every tablet signs in, then loops: reads the menu, orders one to three available dishes, reads
 * its orders, waits. The staff dashboard keeps one live stream open, moves each new order to
 * preparing and then completed as the kitchen would, reloads the dashboard now and then, and ends
 * a table's session when its party has ordered `ordersPerParty` times.
 */
export async function runTabletLoad(options: TabletLoadOptions): Promise<TabletLoadResult> {
  const { url } = options;
  const errors: Record<string, number> = {};
  const fail = (what: string, status: number) => {
    const key = `${what} ${status}`;
    errors[key] = (errors[key] ?? 0) + 1;
  };

  const staffLogin = await call(url, 'POST', '/api/v1/auth/admin/login', null, {
    storeCode: options.storeCode,
    ...options.staff,
  });
  if (staffLogin.status !== 200) throw new Error(`staff sign-in answered ${staffLogin.status}`);
  const staffToken = (staffLogin.json as { token: string }).token;

  const tablets: Array<{ id: string; token: string }> = [];
  for (let number = 1; number <= options.tables; number++) {
    const login = await call(url, 'POST', '/api/v1/auth/table/login', null, {
      storeCode: options.storeCode,
      tableNumber: number,
      password: options.tablePassword,
    });
    if (login.status !== 200) throw new Error(`table ${number} sign-in answered ${login.status}`);
    const { token, table } = login.json as { token: string; table: { id: string } };
    tablets.push({ id: table.id, token });
  }

  let stopped = false;
  const kitchen: Promise<void>[] = [];
  let streamEvents = 0;
  const advance = async (orderId: string) => {
    for (const status of ['preparing', 'completed']) {
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 800));
      const res = await call(url, 'PATCH', `/api/v1/admin/orders/${orderId}`, staffToken, { status });
      // A session ended meanwhile archives its orders: a 404 or 409 then is the race, not a fault.
      if (res.status !== 200 && res.status !== 404 && res.status !== 409) fail('PATCH order', res.status);
    }
  };
  const stream = openSseStream(url, '/api/v1/admin/stream', staffToken, (message) => {
    if (message.type !== 'order.created' && message.type !== 'order.updated') return;
    streamEvents += 1;
    if (message.type === 'order.created' && !stopped) {
      const { order } = JSON.parse(message.data) as { order: { id: string } };
      kitchen.push(advance(order.id).catch(() => fail('PATCH order', 0)));
    }
  });
  await stream.opened;

  const dashboard = (async () => {
    while (!stopped) {
      for (let waited = 0; waited < 10_000 && !stopped; waited += 500) {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      if (stopped) break;
      const res = await call(url, 'GET', '/api/v1/admin/dashboard', staffToken).catch(() => ({ status: 0 }));
      if (res.status !== 200) fail('GET dashboard', res.status);
    }
  })();

  const latencies: number[] = [];
  const began = performance.now();
  const tablet = async (table: { id: string; token: string }) => {
    let ordersThisParty = 0;
    while (!stopped) {
      try {
        const menu = await call(url, 'GET', '/api/v1/table/menu', table.token);
        if (menu.status !== 200) fail('GET menu', menu.status);
        const dishes = ((menu.json as { categories: Array<{ menus: Dish[] }> }).categories ?? [])
          .flatMap((category) => category.menus)
          .filter((dish) => dish.isAvailable);
        const picked = new Set<string>();
        const lines = Math.min(dishes.length, 1 + Math.floor(Math.random() * 3));
        while (picked.size < lines) picked.add((dishes[Math.floor(Math.random() * dishes.length)] as Dish).id);
        const sent = performance.now();
        const order = await call(
          url,
          'POST',
          '/api/v1/table/orders',
          table.token,
          { items: [...picked].map((menuId) => ({ menuId, quantity: 1 + Math.floor(Math.random() * 2) })) },
          { 'idempotency-key': randomUUID() },
        );
        if (order.status === 201) latencies.push(performance.now() - sent);
        else fail('POST order', order.status);
        const mine = await call(url, 'GET', '/api/v1/table/orders', table.token);
        if (mine.status !== 200) fail('GET own orders', mine.status);
        ordersThisParty += 1;
        if (ordersThisParty >= options.ordersPerParty) {
          ordersThisParty = 0;
          const end = await call(url, 'POST', `/api/v1/admin/tables/${table.id}/end-session`, staffToken);
          if (end.status !== 200) fail('POST end-session', end.status);
        }
      } catch {
        fail('request', 0);
      }
      await new Promise((resolve) => setTimeout(resolve, options.thinkMs * (0.5 + Math.random())));
    }
  };
  const running = tablets.map(tablet);
  await new Promise((resolve) => setTimeout(resolve, options.durationMs));
  stopped = true;
  await Promise.all(running);
  const elapsed = (performance.now() - began) / 1000;
  await Promise.all(kitchen);
  stream.close();
  await dashboard;
  return {
    orders: latencies.length,
    ordersPerSecond: latencies.length / elapsed,
    orderLatency: distribution(latencies),
    streamEvents,
    errors,
  };
}
