import { randomBytes } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import type {
  GuestLoginBody,
  GuestLoginResponse,
  StoreSettings,
  UpdateSettingsBody,
} from '../../../contract/guests.js';
import type { CurrentTableSession, TableQr } from '../../../contract/tables.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { guestTokens, stores, tableSessions, tables } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, conflict, forbidden, notFound, serviceUnavailable, tooManyRequests } from '../../lib/errors.js';
import type { RateLimiter } from '../../lib/rate-limiter.js';
import type { TokenService } from '../auth/auth.tokens.js';
import type { EventLog } from '../realtime/realtime.event-log.js';
import { currentSession, lockTable, openSession, type SessionLimits } from '../sessions/sessions.service.js';

/** A code nobody can guess: 144 random bits, URL-safe (24 characters keep the QR code small). */
const newQrCode = () => randomBytes(18).toString('base64url');

/** Unknown, rotated and deleted tables' codes all answer the same. */
const unknownCode = () =>
  new AppError(401, 'INVALID_CREDENTIALS', 'This code is not valid (any more); scan the code on your table');

const pinNeeded = (wrong: boolean) =>
  new AppError(
    401,
    'INVALID_CREDENTIALS',
    wrong ? 'The PIN is not correct; it is shown on the table’s tablet' : 'Type the PIN shown on the table’s tablet',
    { pinRequired: true, ...(wrong ? { wrongPin: true } : {}) },
  );

export type GuestLimits = SessionLimits & Pick<Config, 'publicBaseUrl' | 'jwtExpireHours'>;

/**
 * Guests' own phones (DESIGN §12): the tables' QR codes and their rotation, the store's settings
 * for guest ordering, and the guest sign-in that turns a code into a token bound to one visit.
 */
export function createGuestsService(deps: {
  db: Db;
  events: EventLog;
  clock: Clock;
  tokens: TokenService;
  limits: GuestLimits;
  /** Guest sign-ins per table (wrong PINs count): 30 per 10 minutes by default. */
  tableRate: RateLimiter;
}) {
  const { db, events, clock, tokens, limits } = deps;

  function urlOf(code: string): string {
    // Built from the configured address only: a Host header is whatever the client says.
    if (!limits.publicBaseUrl) {
      throw serviceUnavailable('SERVICE_UNAVAILABLE', 'QR codes need PUBLIC_BASE_URL: ask the operator to set it');
    }
    return `${limits.publicBaseUrl}/q/${code}`;
  }

  async function qr(storeId: string, tableId: string): Promise<TableQr> {
    const [row] = await db
      .select({ code: tables.qrCode })
      .from(tables)
      .where(and(eq(tables.id, tableId), eq(tables.storeId, storeId), isNull(tables.deletedAt)));
    if (!row) throw notFound('table');
    return { code: row.code, url: urlOf(row.code) };
  }

  /**
   * A new code for the table's sticker. The old code stops working, and so does every guest token
   * issued at the table: their rows are revoked (checked on every request, on every replica) and
   * `access.revoked` makes open guest streams check again and end.
   */
  async function rotateQr(storeId: string, tableId: string): Promise<TableQr> {
    const code = newQrCode();
    urlOf(code);
    await events.transaction(storeId, async (tx, emit) => {
      const table = await lockTable(tx, storeId, tableId);
      if (!table) throw notFound('table');
      const now = clock.now();
      await tx.update(tables).set({ qrCode: code, updatedAt: now }).where(eq(tables.id, tableId));
      await tx
        .update(guestTokens)
        .set({ revokedAt: now })
        .where(and(eq(guestTokens.tableId, tableId), isNull(guestTokens.revokedAt)));
      emit({ type: 'access.revoked', tableId, data: { tableId, guestsOnly: true } });
    });
    return { code, url: urlOf(code) };
  }

  async function settings(storeId: string): Promise<StoreSettings> {
    const [row] = await db
      .select({
        guestOrdering: stores.guestOrdering,
        askGuestCount: stores.askGuestCount,
        requirePin: stores.requirePin,
      })
      .from(stores)
      .where(eq(stores.id, storeId));
    if (!row) throw notFound('store');
    return row;
  }

  async function updateSettings(storeId: string, body: UpdateSettingsBody): Promise<StoreSettings> {
    return events.transaction(storeId, async (tx, emit) => {
      const [row] = await tx
        .update(stores)
        .set({
          ...(body.guestOrdering !== undefined ? { guestOrdering: body.guestOrdering } : {}),
          ...(body.askGuestCount !== undefined ? { askGuestCount: body.askGuestCount } : {}),
          ...(body.requirePin !== undefined ? { requirePin: body.requirePin } : {}),
          updatedAt: clock.now(),
        })
        .where(eq(stores.id, storeId))
        .returning({
          guestOrdering: stores.guestOrdering,
          askGuestCount: stores.askGuestCount,
          requirePin: stores.requirePin,
        });
      if (!row) throw notFound('store');
      emit({ type: 'settings.updated', data: { settings: row } });
      return row;
    });
  }

  /**
   * A phone scanned a table's code. Refusals, in order: unknown code (401), store inactive or
   * guest ordering off (403), too many sign-ins at this table (429, wrong PINs included), table
   * not open under `open-tables` (409; under `any-table` the phone opens it — asking the guest
   * count first when the store wants it), a missing or wrong PIN when the store requires one
   * (401 with `details.pinRequired`). The token is a guest_tokens row bound to the visit.
   */
  async function login(body: GuestLoginBody & { guests?: number | undefined }): Promise<GuestLoginResponse> {
    const [found] = await db
      .select({
        tableId: tables.id,
        number: tables.number,
        storeId: stores.id,
        storeName: stores.name,
        active: stores.isActive,
        guestOrdering: stores.guestOrdering,
        askGuestCount: stores.askGuestCount,
        requirePin: stores.requirePin,
      })
      .from(tables)
      .innerJoin(stores, eq(stores.id, tables.storeId))
      .where(and(eq(tables.qrCode, body.code), isNull(tables.deletedAt)));
    if (!found) throw unknownCode();
    if (!found.active) throw forbidden('This store is not taking orders now', 'STORE_INACTIVE');
    if (found.guestOrdering === 'off') {
      throw forbidden('This store does not take orders from phones; use the tablet or ask staff', 'GUEST_ORDERING_OFF');
    }
    const retryAfter = deps.tableRate.take(found.tableId);
    if (retryAfter !== null) {
      throw tooManyRequests('RATE_LIMITED', 'Too many sign-ins at this table; try again shortly', retryAfter);
    }

    const now = clock.now();
    const expiresAt = new Date(now.getTime() + limits.jwtExpireHours * 3_600_000);
    const joined = await events.transaction(found.storeId, async (tx, emit) => {
      const table = await lockTable(tx, found.storeId, found.tableId);
      if (!table) throw unknownCode();
      let { session } = await currentSession(tx, emit, { storeId: found.storeId, table }, now, limits);
      if (!session) {
        if (found.guestOrdering !== 'any-table') {
          throw conflict('TABLE_NOT_OPEN', 'This table is not open yet; ask staff to seat you');
        }
        if (found.askGuestCount && body.guests === undefined) {
          throw conflict('TABLE_NOT_OPEN', 'Say how many you are to open the table', { askGuests: true });
        }
        session = await openSession(
          tx,
          emit,
          { storeId: found.storeId, table },
          { now, openedBy: 'guest', guests: found.askGuestCount ? (body.guests ?? null) : null },
        );
      } else if (found.requirePin && body.pin !== session.pin) {
        throw pinNeeded(body.pin !== undefined);
      }
      // Numbered under the table lock: two phones joining at once get different numbers.
      const [taken] = await tx.select({ n: count() }).from(guestTokens).where(eq(guestTokens.sessionId, session.id));
      const label = `손님 ${(taken?.n ?? 0) + 1}`;
      const [token] = await tx
        .insert(guestTokens)
        .values({ storeId: found.storeId, tableId: table.id, sessionId: session.id, label, createdAt: now, expiresAt })
        .returning({ id: guestTokens.id });
      if (!token) throw new Error('guest token not created');
      return { tokenId: token.id, sessionId: session.id, label };
    });
    const signed = await tokens.sign({ kind: 'guest', sub: joined.tokenId, storeId: found.storeId, ver: 0 });
    return {
      token: signed.token,
      expiresAt: signed.expiresAt.toISOString(),
      table: { id: found.tableId, number: found.number, storeId: found.storeId, storeName: found.storeName },
      sessionId: joined.sessionId,
      label: joined.label,
    };
  }

  /**
   * The table's open visit as its tablet shows it: the PIN guests' phones type, when the store
   * requires one (a phone never learns it here: it already joined); and whether the store wants the
   * guest count, which the tablet asks before anything else while no visit is open.
   */
  async function currentVisit(storeId: string, tableId: string, forTablet: boolean): Promise<CurrentTableSession> {
    const [store] = await db
      .select({ askGuestCount: stores.askGuestCount, requirePin: stores.requirePin })
      .from(stores)
      .where(eq(stores.id, storeId));
    if (!store) throw notFound('store');
    const [row] = await db
      .select({
        id: tableSessions.id,
        openedAt: tableSessions.openedAt,
        guests: tableSessions.guests,
        pin: tableSessions.pin,
      })
      .from(tableSessions)
      .where(
        and(eq(tableSessions.tableId, tableId), eq(tableSessions.storeId, storeId), isNull(tableSessions.closedAt)),
      );
    const { askGuestCount } = store;
    if (!row) return { session: null, askGuestCount };
    return {
      session: {
        sessionId: row.id,
        tableId,
        openedAt: row.openedAt.toISOString(),
        guests: row.guests,
        pin: forTablet && store.requirePin ? row.pin : null,
      },
      askGuestCount,
    };
  }

  return { qr, rotateQr, settings, updateSettings, login, currentVisit };
}

export type GuestsService = ReturnType<typeof createGuestsService>;
