// The work queue's contract: dedupe, one worker per key, bounded concurrency, per-key exponential
// backoff, delayed adds, pause/shutdown, and its metrics.
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { ExponentialBackoff, WorkQueue } from "../../src/controller/kube/workqueue.js";
import { ControllerMetrics } from "../../src/controller/metrics.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("work queue", () => {
  it("dedupes a key added many times while it waits", async () => {
    const q = new WorkQueue({ name: "t", workers: 1 });
    for (let i = 0; i < 10; i++) q.add("a");
    q.add("b");
    expect(q.depth).toBe(2);
    const seen: string[] = [];
    q.start(async (k) => {
      seen.push(k);
      return undefined;
    });
    await expect.poll(() => seen).toEqual(["a", "b"]);
    await q.shutdown();
  });

  it("never processes one key concurrently; a re-add during processing runs once more afterwards", async () => {
    const q = new WorkQueue({ name: "t", workers: 4 });
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    q.start(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      runs++;
      await sleep(30);
      running--;
      return undefined;
    });
    q.add("a");
    await sleep(5);
    q.add("a");
    q.add("a");
    await expect.poll(() => runs).toBe(2);
    await sleep(60);
    expect(runs).toBe(2);
    expect(maxRunning).toBe(1);
    await q.shutdown();
  });

  it("bounds concurrency to the number of workers", async () => {
    const q = new WorkQueue({ name: "t", workers: 3 });
    let running = 0;
    let maxRunning = 0;
    let done = 0;
    q.start(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await sleep(10);
      running--;
      done++;
      return undefined;
    });
    for (let i = 0; i < 30; i++) q.add(`k${i}`);
    await expect.poll(() => done).toBe(30);
    expect(maxRunning).toBe(3);
    await q.shutdown();
  });

  it("retries a failing key with exponential backoff and forgets it on success", async () => {
    const reg = new Registry();
    const metrics = new ControllerMetrics(reg);
    const q = new WorkQueue({
      name: "t",
      workers: 1,
      backoff: new ExponentialBackoff(20, 1000),
      metrics: metrics.workqueue,
    });
    const times: number[] = [];
    q.start(async () => {
      times.push(Date.now());
      if (times.length <= 3) throw new Error("boom");
      return undefined;
    });
    q.add("a");
    await expect.poll(() => times.length, { timeout: 5000 }).toBe(4);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(gaps[0]).toBeGreaterThanOrEqual(18);
    expect(gaps[1]).toBeGreaterThanOrEqual(38);
    expect(gaps[2]).toBeGreaterThanOrEqual(78);
    await sleep(20);
    expect(q.retries("a")).toBe(0);
    const text = await reg.metrics();
    expect(text).toMatch(/workqueue_retries_total\{name="t"\} 3/);
    expect(text).toMatch(/workqueue_adds_total\{name="t"\} 4/);
    expect(text).toMatch(/workqueue_work_duration_seconds_count\{name="t"\} 4/);
    await q.shutdown();
  });

  it("backoff doubles from 5 ms and caps at 1000 s", () => {
    const b = new ExponentialBackoff();
    const delays = Array.from({ length: 30 }, () => b.when("k"));
    expect(delays.slice(0, 4)).toEqual([5, 10, 20, 40]);
    expect(delays[29]).toBe(1_000_000);
    b.forget("k");
    expect(b.when("k")).toBe(5);
  });

  it("addAfter delays a key, and the earliest of two delayed adds wins", async () => {
    const q = new WorkQueue({ name: "t" });
    const at: number[] = [];
    const start = Date.now();
    q.start(async () => {
      at.push(Date.now() - start);
      return undefined;
    });
    q.addAfter("a", 300);
    q.addAfter("a", 80);
    await expect.poll(() => at.length).toBe(1);
    expect(at[0]).toBeGreaterThanOrEqual(70);
    expect(at[0]).toBeLessThan(280);
    await sleep(300);
    expect(at).toHaveLength(1);
    await q.shutdown();
  });

  it("requeueAfterMs from the processor schedules the key again", async () => {
    const q = new WorkQueue({ name: "t" });
    let runs = 0;
    q.start(async () => {
      runs++;
      return runs < 3 ? { requeueAfterMs: 20 } : undefined;
    });
    q.add("a");
    await expect.poll(() => runs).toBe(3);
    await q.shutdown();
  });

  it("pause aborts in-flight work and keeps queued keys for a later start", async () => {
    const q = new WorkQueue({ name: "t", workers: 1 });
    let aborted = false;
    const processed: string[] = [];
    q.start(async (k, signal) => {
      if (k === "slow") {
        await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
        aborted = signal.aborted;
        return undefined;
      }
      processed.push(k);
      return undefined;
    });
    q.add("slow");
    q.add("b");
    await sleep(20);
    await q.pause();
    expect(aborted).toBe(true);
    expect(processed).toEqual([]);
    expect(q.depth).toBe(1);
    q.start(async (k) => {
      processed.push(k);
      return undefined;
    });
    await expect.poll(() => processed).toEqual(["b"]);
    await q.shutdown();
    q.add("c");
    await sleep(20);
    expect(processed).toEqual(["b"]);
  });
});
