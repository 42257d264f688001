// Records core/v1 Events for the decisions users should see. Recording never blocks or fails a
// reconcile: events go through a small bounded queue, and repeats of the same event on the same object
// within ten minutes bump `count` on the existing Event instead of creating another (as client-go's
// recorder aggregates), which keeps a crash-looping replica from flooding the API.
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { errorMessage } from "../../errors.js";
import { isNotFound, type KubeClient } from "../kube/client.js";
import type { AnyObject } from "../kube/object.js";
import { EVENTS } from "../kube/resources.js";
import type { PlannedEvent } from "../plan/index.js";

const AGGREGATE_MS = 10 * 60_000;
const MAX_REMEMBERED = 4096;

export interface EventRecorderOptions {
  component: string;
  instance: string;
  maxInFlight?: number;
  maxPending?: number;
  log: Logger;
}

interface Seen {
  name: string;
  namespace: string;
  count: number;
  first: string;
  last: number;
}

export class EventRecorder {
  private readonly pending: PlannedEvent[] = [];
  private inFlight = 0;
  private readonly seen = new Map<string, Seen>();
  private dropped = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly client: KubeClient,
    private readonly o: EventRecorderOptions,
  ) {}

  record(ev: PlannedEvent): void {
    if (this.pending.length >= (this.o.maxPending ?? 2000)) {
      if (this.dropped++ % 100 === 0)
        this.o.log.warn({ dropped: this.dropped }, "event queue full; dropping events");
      return;
    }
    this.pending.push(ev);
    this.pump();
  }

  /** Resolves when every recorded event has been written (or failed). */
  flush(): Promise<void> {
    if (this.inFlight === 0 && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.inFlight < (this.o.maxInFlight ?? 4) && this.pending.length > 0) {
      const ev = this.pending.shift() as PlannedEvent;
      this.inFlight++;
      this.write(ev)
        .catch((err: unknown) =>
          this.o.log.debug({ err: errorMessage(err), reason: ev.reason }, "could not record event"),
        )
        .finally(() => {
          this.inFlight--;
          if (this.inFlight === 0 && this.pending.length === 0)
            for (const w of this.idleWaiters.splice(0)) w();
          this.pump();
        });
    }
  }

  private async write(ev: PlannedEvent): Promise<void> {
    const r = ev.regarding;
    const key = `${r.uid ?? `${r.namespace}/${r.kind}/${r.name}`}|${ev.type}|${ev.reason}|${ev.message}`;
    const now = new Date();
    const prior = this.seen.get(key);
    if (prior && now.getTime() - prior.last < AGGREGATE_MS) {
      prior.count++;
      prior.last = now.getTime();
      try {
        await this.client.patch(EVENTS, prior.namespace, prior.name, {
          count: prior.count,
          lastTimestamp: iso(now),
        });
        return;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    const name = `${r.name}.${randomBytes(8).toString("hex")}`;
    const stamp = iso(now);
    const event: AnyObject & Record<string, unknown> = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace: r.namespace },
      involvedObject: {
        apiVersion: r.apiVersion,
        kind: r.kind,
        name: r.name,
        namespace: r.namespace,
        uid: r.uid,
      },
      reason: ev.reason,
      message: ev.message,
      type: ev.type,
      source: { component: this.o.component },
      reportingComponent: this.o.component,
      reportingInstance: this.o.instance,
      firstTimestamp: stamp,
      lastTimestamp: stamp,
      count: 1,
    };
    await this.client.create(EVENTS, event);
    if (this.seen.size >= MAX_REMEMBERED) this.seen.clear();
    this.seen.set(key, { name, namespace: r.namespace, count: 1, first: stamp, last: now.getTime() });
  }
}

function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}
