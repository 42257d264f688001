// A per-key rate-limited work queue in the manner of client-go's: a key is queued at most once
// (dedupe), a key being processed is never processed concurrently (a re-add while in flight runs once
// more afterwards), failures are retried with per-key exponential backoff, delayed adds serve
// requeueAfter, and at most `workers` keys are processed at a time.
import type { Logger } from "pino";
import { errorMessage } from "../../errors.js";
import { childLogger } from "../../log.js";
import type { WorkQueueMetrics } from "../metrics.js";

/** Per-key exponential backoff: base·2^(failures-1), capped (client-go: 5 ms .. 1000 s). */
export class ExponentialBackoff {
  private readonly failures = new Map<string, number>();
  constructor(
    readonly baseMs = 5,
    readonly maxMs = 1_000_000,
  ) {}

  /** The delay before the next retry of `key`, counting this failure. */
  when(key: string): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    return Math.min(this.maxMs, this.baseMs * 2 ** Math.min(n, 40));
  }

  retries(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  forget(key: string): void {
    this.failures.delete(key);
  }
}

/** What processing a key asks of the queue afterwards. */
export interface ProcessResult {
  /** Retry with backoff (like an error, without logging one). */
  requeue?: boolean;
  /** Process again after this delay; resets the key's backoff. */
  requeueAfterMs?: number;
}

export type ProcessFunc = (key: string, signal: AbortSignal) => Promise<ProcessResult | undefined>;

export interface WorkQueueOptions {
  name: string;
  workers?: number;
  backoff?: ExponentialBackoff;
  metrics?: WorkQueueMetrics;
  log?: Logger;
}

export class WorkQueue {
  readonly name: string;
  private readonly workers: number;
  private readonly backoff: ExponentialBackoff;
  private readonly metrics: WorkQueueMetrics | undefined;
  private readonly log: Logger;
  /** Keys waiting, in order, with the time they were queued. */
  private readonly queue: string[] = [];
  private head = 0;
  private readonly queuedAt = new Map<string, number>();
  private readonly processing = new Set<string>();
  /** Keys re-added while being processed: queued again when their processing ends. */
  private readonly dirty = new Set<string>();
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private process: ProcessFunc | undefined;
  private abort: AbortController | undefined;
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private shuttingDown = false;

  constructor(opts: WorkQueueOptions) {
    this.name = opts.name;
    this.workers = Math.max(1, opts.workers ?? 2);
    this.backoff = opts.backoff ?? new ExponentialBackoff();
    this.metrics = opts.metrics;
    this.log = opts.log ?? childLogger("workqueue").child({ queue: opts.name });
  }

  /** Keys waiting to be processed (not counting those in flight or delayed). */
  get depth(): number {
    return this.queuedAt.size;
  }

  get inFlight(): number {
    return this.processing.size;
  }

  add(key: string): void {
    if (this.shuttingDown) return;
    if (this.queuedAt.has(key)) return;
    this.metrics?.adds.inc({ name: this.name });
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    this.enqueue(key);
    this.pump();
  }

  /** Adds `key` after `ms`; an earlier pending delayed add of the same key wins. */
  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const at = Date.now() + ms;
    const pending = this.timers.get(key);
    if (pending && pending.at <= at) return;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, ms);
    timer.unref?.();
    this.timers.set(key, { at, timer });
  }

  /** Re-adds `key` after its backoff delay, counting a retry. */
  addRateLimited(key: string): void {
    this.metrics?.retries.inc({ name: this.name });
    this.addAfter(key, this.backoff.when(key));
  }

  forget(key: string): void {
    this.backoff.forget(key);
  }

  retries(key: string): number {
    return this.backoff.retries(key);
  }

  /** Starts (or resumes) processing with at most `workers` keys at once. */
  start(process: ProcessFunc): void {
    this.process = process;
    this.abort = new AbortController();
    this.pump();
  }

  /**
   * Stops taking keys (queued keys stay queued for a later `start`) and aborts the signal handed to
   * in-flight work; resolves when in-flight work has returned.
   */
  async pause(): Promise<void> {
    this.process = undefined;
    this.abort?.abort();
    await this.idle();
  }

  /** Pause, then drop every queued and delayed key; later adds are ignored. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.pause();
    this.queue.length = 0;
    this.head = 0;
    this.queuedAt.clear();
    this.dirty.clear();
    this.metrics?.depth.set({ name: this.name }, 0);
  }

  /** Resolves when nothing is in flight. */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue(key: string): void {
    this.queue.push(key);
    this.queuedAt.set(key, Date.now());
    this.metrics?.depth.set({ name: this.name }, this.queuedAt.size);
  }

  private pump(): void {
    while (this.process && this.running < this.workers && this.head < this.queue.length) {
      const key = this.queue[this.head++] as string;
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      const at = this.queuedAt.get(key);
      if (at === undefined) continue;
      this.queuedAt.delete(key);
      this.metrics?.depth.set({ name: this.name }, this.queuedAt.size);
      this.metrics?.queueDuration.observe({ name: this.name }, (Date.now() - at) / 1000);
      this.processing.add(key);
      this.running++;
      void this.work(key, this.process, this.abort?.signal ?? new AbortController().signal);
    }
  }

  private async work(key: string, process: ProcessFunc, signal: AbortSignal): Promise<void> {
    const started = performance.now();
    let result: ProcessResult | undefined;
    let failed = false;
    try {
      result = await process(key, signal);
    } catch (err) {
      failed = true;
      if (!signal.aborted)
        this.log.warn(
          { key, err: errorMessage(err), retries: this.retries(key) },
          "processing failed; retrying with backoff",
        );
    }
    this.metrics?.workDuration.observe({ name: this.name }, (performance.now() - started) / 1000);
    this.processing.delete(key);
    this.running--;
    if (failed || result?.requeue) {
      this.addRateLimited(key);
    } else {
      this.forget(key);
      if (result?.requeueAfterMs !== undefined) this.addAfter(key, result.requeueAfterMs);
    }
    if (this.dirty.delete(key) && !this.queuedAt.has(key) && !this.shuttingDown) this.enqueue(key);
    if (this.running === 0) for (const w of this.idleWaiters.splice(0)) w();
    this.pump();
  }
}
