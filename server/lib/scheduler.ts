import type { FastifyBaseLogger } from 'fastify';

interface Job {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
}

/**
 * Periodic background work (session sweep, log pruning). Each run finishes before the next is
 * scheduled, errors are logged and never stop the job. Jobs must be safe on several replicas.
 */
export class Scheduler {
  private readonly jobs: Job[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private started = false;

  constructor(private readonly log: FastifyBaseLogger) {}

  every(name: string, everyMs: number, run: () => Promise<unknown>): void {
    const job = { name, everyMs, run };
    this.jobs.push(job);
    if (this.started) this.schedule(job);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const job of this.jobs) this.schedule(job);
  }

  async stop(): Promise<void> {
    this.started = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private schedule(job: Job): void {
    const timer = setTimeout(async () => {
      this.timers.delete(timer);
      const run = job.run().catch((err) => this.log.error({ err, job: job.name }, 'background job failed'));
      this.running.add(run);
      await run;
      this.running.delete(run);
      if (this.started) this.schedule(job);
    }, job.everyMs);
    timer.unref();
    this.timers.add(timer);
  }
}
