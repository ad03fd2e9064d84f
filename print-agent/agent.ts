import type { PrintJob, Station } from '../contract/kitchen.js';
import { type AgentApi, createAgentApi } from './api.js';
import type { AgentConfig } from './config.js';
import { type PrinterAddress, probePrinter, sendToPrinter } from './printer.js';
import { type AgentState, loadState, newState, saveState } from './state.js';
import { followStream, sleep } from './stream.js';
import { renderTicket } from './ticket.js';

export type Log = (level: 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>) => void;

/** Test seams: the moments a crash hurts most. */
export interface AgentHooks {
  /** After the printer took a ticket and before the server hears of it. */
  afterPrint?: (job: PrintJob) => void | Promise<void>;
}

/** Events after which there may be tickets to print. */
const WAKE_EVENTS = new Set(['order.created', 'order.updated', 'order.moved', 'print.requested', 'resync']);

/** One printer and the stations that print on it: its own queue, so a dead printer holds up no other. */
interface Worker {
  key: string;
  printer: PrinterAddress;
  stationIds: string[];
  running: Promise<void> | null;
  again: boolean;
  /** Last known state: null until tried. */
  online: boolean | null;
  error: string | null;
  lastContact: number;
  /** What the server was last told, per station. */
  reported: Map<string, string>;
}

/**
 * The print agent: signs in as a kitchen account, follows the store's events (only to wake up),
 * claims each printer's tickets in queue order, prints them over raw TCP and acknowledges each
 * once the printer took it. Its state file makes it exact across restarts: a ticket printed but
 * not yet acknowledged is acknowledged, not printed again; a ticket not printed stays queued on
 * the server until its lease ends. An unreachable printer is retried with a doubling wait and
 * reported offline; the others keep printing.
 */
export function createPrintAgent(config: AgentConfig, options: { log?: Log; hooks?: AgentHooks } = {}) {
  const log: Log = options.log ?? (() => {});
  const hooks = options.hooks ?? {};
  const api: AgentApi = createAgentApi(config);
  const workers = new Map<string, Worker>();
  const controller = new AbortController();
  const timers: NodeJS.Timeout[] = [];
  let state: AgentState;
  /** Stopping: no new tickets are taken; the one being printed is finished and acknowledged. */
  let stopped = false;
  /** Killed: nothing more is sent, printed or written, as after a crash. */
  let killed = false;
  /** The newest event seen, and the one whose tickets are all printed. */
  let seenCursor: string | null = null;
  let saving: Promise<void> = Promise.resolve();

  function persist(): Promise<void> {
    const snapshot = { ...state, printed: [...state.printed] };
    saving = saving
      .catch(() => {})
      .then(() => (killed ? undefined : saveState(config.stateFile, snapshot)))
      .catch((err) => log('error', 'could not write the state file', { file: config.stateFile, error: String(err) }));
    return saving;
  }

  async function refreshStations(): Promise<void> {
    let stations: Station[];
    try {
      stations = await api.stations();
    } catch (err) {
      log('warn', 'could not read the stations', { error: String(err) });
      return;
    }
    const wanted = new Map<string, { printer: PrinterAddress; stationIds: string[] }>();
    for (const station of stations) {
      if (!station.printer) continue;
      const key = `${station.printer.host}:${station.printer.port}`;
      const entry = wanted.get(key) ?? { printer: station.printer, stationIds: [] };
      entry.stationIds.push(station.id);
      wanted.set(key, entry);
    }
    for (const [key, entry] of wanted) {
      const worker = workers.get(key);
      if (worker) worker.stationIds = entry.stationIds;
      else {
        workers.set(key, {
          key,
          printer: entry.printer,
          stationIds: entry.stationIds,
          running: null,
          again: false,
          online: null,
          error: null,
          lastContact: 0,
          reported: new Map(),
        });
        log('info', 'printer added', { printer: key, stations: entry.stationIds.length });
      }
    }
    // A printer no station uses any more: its worker finishes what it holds and is forgotten.
    for (const key of [...workers.keys()]) if (!wanted.has(key)) workers.delete(key);
    wakeAll();
  }

  function wakeAll(): void {
    for (const worker of workers.values()) wake(worker);
  }

  function wake(worker: Worker): void {
    if (stopped) return;
    if (worker.running) {
      worker.again = true;
      return;
    }
    const cursor = seenCursor;
    worker.running = drain(worker)
      .catch((err) => log('error', 'printing stopped on an error', { printer: worker.key, error: String(err) }))
      .finally(() => {
        worker.running = null;
        if (worker.again) {
          worker.again = false;
          wake(worker);
        } else {
          void maybeSaveCursor(cursor);
        }
      });
  }

  /** Once every printer is idle, the events seen before their drains began are done with. */
  async function maybeSaveCursor(cursor: string | null): Promise<void> {
    if (!cursor || cursor === state.lastEventId || stopped) return;
    if ([...workers.values()].some((w) => w.running)) return;
    if (Number(cursor) <= Number(state.lastEventId ?? 0)) return;
    state.lastEventId = cursor;
    await persist();
  }

  async function setPrinterState(worker: Worker, online: boolean, error: string | null): Promise<void> {
    const changed = worker.online !== online || worker.error !== error;
    worker.online = online;
    worker.error = error;
    if (online) worker.lastContact = Date.now();
    if (changed) {
      log(online ? 'info' : 'warn', online ? 'printer online' : 'printer offline', { printer: worker.key, error });
      await report(worker);
    }
  }

  /** Prints the printer's queue in order until it is empty (or the agent stops). */
  async function drain(worker: Worker): Promise<void> {
    let wait = config.retryMinMs;
    while (!stopped) {
      let jobs: PrintJob[];
      try {
        jobs = await api.claim({
          agentId: state.agentId,
          stationIds: worker.stationIds,
          afterSeq: state.startSeq,
          limit: 10,
          leaseSeconds: config.leaseSeconds,
        });
      } catch (err) {
        // The server is out of reach: the next wake-up (stream back, or the poll) tries again.
        log('warn', 'could not claim tickets', { printer: worker.key, error: String(err) });
        return;
      }
      if (jobs.length === 0) return;
      for (const job of jobs) {
        if (stopped) return;
        if (!state.printed.includes(job.id)) {
          try {
            await sendToPrinter(worker.printer, renderTicket(job, config.columns));
          } catch (err) {
            await setPrinterState(worker, false, err instanceof Error ? err.message : String(err));
            await sleep(wait, controller.signal);
            wait = Math.min(wait * 2, config.retryMaxMs);
            // Claim again: this job is still first in the queue and still ours.
            break;
          }
          wait = config.retryMinMs;
          state.printed.push(job.id);
          await persist();
          log('info', 'ticket printed', {
            printer: worker.key,
            job: job.id,
            kind: job.kind,
            order: job.ticket.orderNo,
          });
          await setPrinterState(worker, true, null);
          await hooks.afterPrint?.(job);
          if (killed) return;
        }
        try {
          await api.ack(job.id, state.agentId);
        } catch (err) {
          // Printed and remembered: the ticket comes back with the next claim and is only acknowledged.
          log('warn', 'could not acknowledge a printed ticket', { job: job.id, error: String(err) });
          return;
        }
        state.printed = state.printed.filter((id) => id !== job.id);
        await persist();
      }
    }
  }

  async function report(worker: Worker): Promise<void> {
    if (worker.online === null) return;
    for (const stationId of worker.stationIds) {
      try {
        await api.report(stationId, worker.online ? { online: true } : { online: false, error: worker.error ?? '' });
        worker.reported.set(stationId, String(worker.online));
      } catch (err) {
        log('warn', 'could not report a printer', { printer: worker.key, error: String(err) });
      }
    }
  }

  /** Every few seconds: check idle printers with a connection, and tell the server about each. */
  async function reportAll(): Promise<void> {
    await Promise.all(
      [...workers.values()].map(async (worker) => {
        if (!worker.running && Date.now() - worker.lastContact > config.reportEveryMs) {
          const error = await probePrinter(worker.printer);
          // A printer back online gets its waiting tickets now.
          const cameBack = error === null && worker.online === false;
          worker.online = error === null;
          worker.error = error;
          if (error === null) worker.lastContact = Date.now();
          if (cameBack) wake(worker);
        }
        await report(worker);
      }),
    );
  }

  function every(ms: number, work: () => Promise<void>): void {
    const tick = async () => {
      if (stopped) return;
      await work().catch((err) => log('error', 'periodic work failed', { error: String(err) }));
      if (!stopped) timers.push(setTimeout(tick, ms));
    };
    timers.push(setTimeout(tick, ms));
  }

  return {
    get state() {
      return state;
    },
    /** Starts the agent: resolves once it is signed in and following the store. */
    async start(): Promise<void> {
      const loaded = await loadState(config.stateFile);
      await api.signIn();
      if (loaded) state = loaded;
      else {
        // First start: tickets queued before this moment belong to no agent of ours.
        state = newState(await api.head());
        await persist();
        log('info', 'first start: printing tickets from now on', { agentId: state.agentId, startSeq: state.startSeq });
      }
      seenCursor = state.lastEventId;
      await refreshStations();
      void followStream({
        url: `${api.base}/api/v1/admin/stream`,
        token: api.token,
        lastEventId: state.lastEventId,
        signal: controller.signal,
        onOpen: () => {
          log('info', 'following the store');
          // Whatever was queued while away is printed now.
          void refreshStations();
        },
        onDown: (error) => log('warn', 'event stream down; reconnecting', { error }),
        onUnauthorized: () => api.forgetToken(),
        onMessage: (message) => {
          if (message.id) seenCursor = message.id;
          if (message.type === 'station.updated') void refreshStations();
          else if (WAKE_EVENTS.has(message.type)) wakeAll();
          else if (message.id) void maybeSaveCursor(message.id);
        },
      });
      every(config.reportEveryMs, reportAll);
      every(config.pollEveryMs, async () => wakeAll());
    },
    /** Stops taking new work, lets a ticket being printed finish, and keeps the state file current. */
    async stop(): Promise<void> {
      const running = [...workers.values()].map((w) => w.running).filter(Boolean);
      stopped = true;
      controller.abort();
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled(running);
      await saving;
    },
    /** Ends at once, as a crash or a pulled plug would: nothing more is sent, printed or saved. */
    kill(): void {
      killed = true;
      stopped = true;
      controller.abort();
      for (const timer of timers) clearTimeout(timer);
    },
  };
}

export type PrintAgent = ReturnType<typeof createPrintAgent>;
