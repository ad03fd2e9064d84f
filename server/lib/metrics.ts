import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Every metric the app exposes, on a registry of its own (tests build many apps per process). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    sseOpenStreams: new Gauge({
      name: 'sse_open_streams',
      help: 'Open SSE streams on this replica by kind',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    sseEventsDelivered: new Counter({
      name: 'sse_events_delivered_total',
      help: 'Events written to SSE streams',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    sseDeliveryLag: new Histogram({
      name: 'sse_delivery_lag_seconds',
      help: 'Time from an event being committed to it being written to a stream',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers: [registry],
    }),
    ordersCreated: new Counter({
      name: 'orders_created_total',
      help: 'Orders created (replays of an Idempotency-Key not counted)',
      registers: [registry],
    }),
    sessionsClosed: new Counter({
      name: 'table_sessions_closed_total',
      help: 'Table sessions closed, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
