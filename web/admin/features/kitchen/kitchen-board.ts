import { EventData, type EventPayload, type EventType } from '@contract/events';
import {
  type KitchenBoard,
  type PrinterStatus,
  type Station,
  TICKET_AMBER_MINUTES,
  TICKET_RED_MINUTES,
} from '@contract/kitchen';
import type { Order, OrderItem } from '@contract/orders';
import type { StreamEvent } from '@shared/api/event-stream';

export type AgeLevel = 'fresh' | 'amber' | 'red';

/** How long a ticket has waited, and its colour: amber from 10 minutes, red from 20. */
export function ticketAge(createdAt: string, now: number): { minutes: number; level: AgeLevel } {
  const minutes = Math.max(0, Math.floor((now - Date.parse(createdAt)) / 60_000));
  const level = minutes >= TICKET_RED_MINUTES ? 'red' : minutes >= TICKET_AMBER_MINUTES ? 'amber' : 'fresh';
  return { minutes, level };
}

/** A line still to make: not bumped, and not voided whole. */
const isOpen = (item: OrderItem) => item.doneAt === null && item.quantity > item.voidedQuantity;

export interface KitchenTicket {
  order: Order;
  /** Only this station's lines. */
  lines: OrderItem[];
}

const oldestFirst = (a: Order, b: Order) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.orderNo - b.orderNo;

/** The station's tickets: orders with lines of it still to make, oldest first, with only its open lines. */
export function stationTickets(orders: Order[], stationId: string): KitchenTicket[] {
  return orders
    .filter((order) => order.items.some((item) => item.stationId === stationId && isOpen(item)))
    .sort(oldestFirst)
    .map((order) => ({
      order,
      lines: order.items.filter((item) => item.stationId === stationId && isOpen(item)),
    }));
}

/** The ticket this station bumped last (for recall): its lines all done, the latest done time. */
export function lastBumped(orders: Order[], stationId: string): (KitchenTicket & { doneAt: string }) | null {
  let best: (KitchenTicket & { doneAt: string }) | null = null;
  for (const order of orders) {
    const lines = order.items.filter((item) => item.stationId === stationId && item.quantity > item.voidedQuantity);
    if (lines.length === 0 || lines.some((item) => item.doneAt === null)) continue;
    // ISO times of one server sort as strings.
    const doneAt =
      lines
        .map((item) => item.doneAt ?? '')
        .sort()
        .at(-1) ?? '';
    if (!best || doneAt > best.doneAt) best = { order, lines, doneAt };
  }
  return best;
}

/** The board with an order added or replaced (cache updates are pure and idempotent). */
export function withOrder(board: KitchenBoard, order: Order): KitchenBoard {
  const others = board.orders.filter((o) => o.id !== order.id);
  return { orders: [...others, order].sort(oldestFirst) };
}

export function withoutOrder(board: KitchenBoard, orderId: string): KitchenBoard {
  return { orders: board.orders.filter((o) => o.id !== orderId) };
}

export function withoutSession(board: KitchenBoard, sessionId: string): KitchenBoard {
  return { orders: board.orders.filter((o) => o.sessionId !== sessionId) };
}

export function withPrinterStatus(stations: Station[], status: PrinterStatus): Station[] {
  return stations.map((station) => (station.id === status.stationId ? { ...station, printerStatus: status } : station));
}

/** What one store event does to the kitchen's caches, decided without touching them. */
export interface KitchenEventEffects {
  board: ((board: KitchenBoard) => KitchenBoard) | null;
  refetchBoard: boolean;
  stations: ((stations: Station[]) => Station[]) | null;
  refetchStations: boolean;
  /** A new order, for the new-ticket sound (when it has lines of the station shown). */
  created: Order | null;
}

const none: KitchenEventEffects = {
  board: null,
  refetchBoard: false,
  stations: null,
  refetchStations: false,
  created: null,
};

function isKnownType(type: string): type is EventType {
  return Object.hasOwn(EventData, type);
}

export function kitchenEventEffects(event: StreamEvent): KitchenEventEffects {
  if (!isKnownType(event.type)) return none;
  const parsed = EventData[event.type].safeParse(event.data);
  if (!parsed.success) return { ...none, refetchBoard: true, refetchStations: true };
  const data = parsed.data;
  switch (event.type) {
    case 'order.created': {
      const { order } = data as EventPayload<'order.created'>;
      return { ...none, board: (board) => withOrder(board, order), created: order };
    }
    case 'order.updated': {
      const { order } = data as EventPayload<'order.updated'>;
      return { ...none, board: (board) => withOrder(board, order) };
    }
    case 'order.moved': {
      const { order } = data as EventPayload<'order.moved'>;
      return { ...none, board: (board) => withOrder(board, order) };
    }
    case 'order.deleted': {
      const { orderId } = data as EventPayload<'order.deleted'>;
      return { ...none, board: (board) => withoutOrder(board, orderId) };
    }
    case 'session.ended': {
      const { sessionId } = data as EventPayload<'session.ended'>;
      return { ...none, board: (board) => withoutSession(board, sessionId) };
    }
    case 'session.moved':
    case 'session.merged':
      return { ...none, refetchBoard: true };
    case 'station.updated':
      return { ...none, refetchStations: true };
    case 'printer.updated': {
      const status = data as EventPayload<'printer.updated'>;
      return { ...none, stations: (stations) => withPrinterStatus(stations, status) };
    }
    case 'resync':
      return { ...none, refetchBoard: true, refetchStations: true };
    default:
      return none;
  }
}
