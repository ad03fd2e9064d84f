import zlib from 'node:zlib';
import bcrypt from 'bcrypt';
import type { FastifyInstance } from 'fastify';
import { admins, menuCategories, menus, stores, tables } from '../server/db/schema/index.js';
import { seedStoreDefaults } from '../server/modules/stores/stores.defaults.js';

/** Low bcrypt cost for test data: hashing is not what these tests measure. */
const hash = (plain: string) => bcrypt.hash(plain, 4);
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export interface TestTable {
  id: string;
  number: number;
  password: string;
  storeId: string;
  token: string;
}

export interface FactoryStore {
  id: string;
  code: string;
  name: string;
  /** The store's default station (주방). */
  stationId: string;
}

/** Builds rows straight in the database and signs tokens for them, as a sign-in would. */
export function factories(app: FastifyInstance) {
  const { db, tokens } = app;

  async function store(values: Partial<typeof stores.$inferInsert> = {}): Promise<FactoryStore> {
    const code = values.code ?? `s-${unique()}`;
    const [row] = await db
      .insert(stores)
      .values({ code, name: `Store ${code}`, ...values })
      .returning({ id: stores.id, code: stores.code, name: stores.name });
    if (!row) throw new Error('store not created');
    const { stationId } = await seedStoreDefaults(db, row.id);
    return { ...row, stationId };
  }

  async function admin(
    storeId: string,
    values: { username?: string; password?: string; role?: 'owner' | 'manager' | 'kitchen' } = {},
  ) {
    const username = values.username ?? `user-${unique()}`;
    const password = values.password ?? 'password123';
    const role = values.role ?? 'owner';
    const [row] = await db
      .insert(admins)
      .values({ storeId, username, passwordHash: await hash(password), role })
      .returning();
    if (!row) throw new Error('admin not created');
    const { token } = await tokens.sign({ kind: 'admin', sub: row.id, storeId, role, ver: row.tokenVersion });
    return { id: row.id, username, password, role, storeId, token };
  }

  async function superadmin(values: { username?: string; password?: string } = {}) {
    const username = values.username ?? `root-${unique()}`;
    const password = values.password ?? 'superpassword1';
    const [row] = await db
      .insert(admins)
      .values({ storeId: null, username, passwordHash: await hash(password), role: 'superadmin' })
      .returning();
    if (!row) throw new Error('superadmin not created');
    const { token } = await tokens.sign({ kind: 'superadmin', sub: row.id, ver: row.tokenVersion });
    return { id: row.id, username, password, token };
  }

  async function table(storeId: string, values: { number?: number; password?: string } = {}): Promise<TestTable> {
    const number = values.number ?? 1 + Math.floor(Math.random() * 999);
    const password = values.password ?? '1234';
    const [row] = await db
      .insert(tables)
      .values({ storeId, number, passwordHash: await hash(password) })
      .returning();
    if (!row) throw new Error('table not created');
    const { token } = await tokens.sign({ kind: 'table', sub: row.id, storeId, ver: row.tokenVersion });
    return { id: row.id, number, password, storeId, token };
  }

  async function category(storeId: string, values: { name?: string; sortOrder?: number } = {}) {
    const [row] = await db
      .insert(menuCategories)
      .values({ storeId, name: values.name ?? `Category ${unique()}`, sortOrder: values.sortOrder ?? 0 })
      .returning();
    if (!row) throw new Error('category not created');
    return row;
  }

  async function menu(
    storeId: string,
    categoryId: string,
    values: Partial<
      Pick<typeof menus.$inferInsert, 'name' | 'price' | 'description' | 'isAvailable' | 'sortOrder'>
    > = {},
  ) {
    const [row] = await db
      .insert(menus)
      .values({
        storeId,
        categoryId,
        name: values.name ?? `Dish ${unique()}`,
        price: values.price ?? 10_000,
        ...values,
      })
      .returning();
    if (!row) throw new Error('menu not created');
    return row;
  }

  /**
   * The usual test world: a store with an owner and a manager, tables 1..n (`table1`, `table2`,
   * `table3` by name, all of them in `tables`) and a small menu — 김치찌개 9,000 (`kimchi`),
   * 불고기 15,000 (`bulgogi`) and 군만두 6,500, sold out (`soldOut`).
   */
  async function world(options: { tables?: number } = {}) {
    const s = await store();
    const owner = await admin(s.id, { role: 'owner' });
    const manager = await admin(s.id, { role: 'manager' });
    const tableList: TestTable[] = [];
    for (let n = 1; n <= (options.tables ?? 2); n++) tableList.push(await table(s.id, { number: n }));
    const cat = await category(s.id, { name: '메인', sortOrder: 0 });
    const kimchi = await menu(s.id, cat.id, { name: '김치찌개', price: 9_000, sortOrder: 0 });
    const bulgogi = await menu(s.id, cat.id, { name: '불고기', price: 15_000, sortOrder: 1 });
    const soldOut = await menu(s.id, cat.id, { name: '군만두', price: 6_500, sortOrder: 2, isAvailable: false });
    // Named for readable tests; a table the world was not asked for is undefined.
    const [table1, table2, table3] = tableList as [TestTable, TestTable, TestTable];
    return {
      store: s,
      owner,
      manager,
      tables: tableList,
      table1,
      table2,
      table3,
      category: cat,
      menus: [kimchi, bulgogi, soldOut],
      kimchi,
      bulgogi,
      soldOut,
    };
  }

  /**
   * An order placed by a table through the ordering rules (priced from the menu, numbered, opening
   * a session when needed), without going over HTTP.
   */
  async function order(
    table: { id: string; storeId: string },
    items: Array<{ menuId: string; quantity?: number }>,
    options: { idempotencyKey?: string } = {},
  ) {
    const { order: placed } = await app.services.orders.create({
      storeId: table.storeId,
      tableId: table.id,
      source: 'table',
      items: items.map((item) => ({ menuId: item.menuId, quantity: item.quantity ?? 1 })),
      idempotencyKey: options.idempotencyKey,
    });
    return placed;
  }

  return { store, admin, superadmin, table, category, menu, world, order };
}

/** A real PNG (RGB, `width`×`height`, one colour), built byte by byte: signature, IHDR, IDAT, IEND. */
export function samplePng(width = 4, height = 3, rgb: [number, number, number] = [200, 40, 30]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit truecolour, no interlace
  const row = Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real 1×1 lossless WebP. */
export function sampleWebp(): Buffer {
  return Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
}

/** A multipart body with one part, as a browser's FormData sends a picked file. */
export function uploadForm(bytes: Uint8Array, filename: string, type = 'application/octet-stream', field = 'file') {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), filename);
  return form;
}
