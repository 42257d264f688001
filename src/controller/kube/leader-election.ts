// Leader election on a coordination.k8s.io/v1 Lease, as client-go does it: candidates try to acquire
// or renew every retry period with optimistic concurrency (a stale write answers 409 and loses); a
// leader that has not renewed within the renew deadline steps down, timer-driven so a hung request
// cannot delay it, which is before any standby (who waits a full lease duration from when it last saw
// the lease change) may take over. A graceful stop clears the holder so a standby takes over at once.
import type { Logger } from "pino";
import { errorMessage } from "../../errors.js";
import { childLogger } from "../../log.js";
import { isNotFound, type KubeClient } from "./client.js";
import type { KubeObject } from "./object.js";
import { LEASES } from "./resources.js";

export interface LeaseSpec {
  holderIdentity?: string | null;
  leaseDurationSeconds?: number | null;
  acquireTime?: string | null;
  renewTime?: string | null;
  leaseTransitions?: number | null;
}

export interface Lease extends KubeObject {
  spec?: LeaseSpec;
}

export interface LeaderElectionOptions {
  client: KubeClient;
  namespace: string;
  name: string;
  identity: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** Called when this instance becomes the leader. */
  onStartedLeading: () => void;
  /** Called when it stops leading (renew deadline missed, lease lost, or stop). */
  onStoppedLeading: () => void;
  log?: Logger;
}

/** Lease times are MicroTime: RFC 3339 with exactly six fractional digits. */
export function microTime(d: Date = new Date()): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

export class LeaderElector {
  private readonly o: Required<Omit<LeaderElectionOptions, "log">> & { log: Logger };
  private leading = false;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private deadline: NodeJS.Timeout | undefined;
  /** Bumped on every step-down so answers of earlier requests are ignored. */
  private epoch = 0;
  private observed: { key: string; at: number } | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(opts: LeaderElectionOptions) {
    const leaseDurationMs = opts.leaseDurationMs ?? 15_000;
    const renewDeadlineMs = opts.renewDeadlineMs ?? 10_000;
    const retryPeriodMs = opts.retryPeriodMs ?? 2_000;
    if (!(leaseDurationMs > renewDeadlineMs && renewDeadlineMs > retryPeriodMs && retryPeriodMs > 0)) {
      throw new Error(
        `leader election needs lease duration > renew deadline > retry period > 0 (got ${leaseDurationMs}/${renewDeadlineMs}/${retryPeriodMs} ms)`,
      );
    }
    this.o = {
      ...opts,
      leaseDurationMs,
      renewDeadlineMs,
      retryPeriodMs,
      log: (opts.log ?? childLogger("leader-election")).child({
        lease: `${opts.namespace}/${opts.name}`,
        identity: opts.identity,
      }),
    };
  }

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops competing; a leader steps down and, when `release`, clears the lease holder for a fast handover. */
  async stop(opts: { release?: boolean } = { release: true }): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.inFlight?.catch(() => {});
    const wasLeading = this.leading;
    if (wasLeading) this.stepDown("stopping");
    if (wasLeading && opts.release !== false) await this.release();
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.inFlight = this.tick();
    }, ms);
  }

  private async tick(): Promise<void> {
    const epoch = this.epoch;
    const attemptStarted = Date.now();
    let ok = false;
    try {
      ok = await this.tryAcquireOrRenew();
    } catch (err) {
      this.o.log.warn(
        { err: errorMessage(err) },
        this.leading ? "lease renewal failed" : "lease acquisition failed",
      );
    }
    if (!this.running || epoch !== this.epoch) {
      this.schedule(this.jitter());
      return;
    }
    if (ok) {
      // The renew deadline counts from when the successful attempt began: the renewTime written is no
      // earlier than that, so stepping down at attemptStarted + renewDeadline precedes expiry elsewhere.
      this.armDeadline(attemptStarted);
      if (!this.leading) {
        this.leading = true;
        this.o.log.info("became leader");
        this.o.onStartedLeading();
      }
    } else if (this.leading && Date.now() - attemptStarted > this.o.renewDeadlineMs) {
      this.stepDown("renew deadline exceeded");
    }
    this.schedule(this.leading ? this.o.retryPeriodMs : this.jitter());
  }

  private jitter(): number {
    return this.o.retryPeriodMs * (1 + Math.random() * 0.2);
  }

  private armDeadline(from: number): void {
    clearTimeout(this.deadline);
    const remaining = from + this.o.renewDeadlineMs - Date.now();
    this.deadline = setTimeout(() => this.stepDown("renew deadline exceeded"), Math.max(0, remaining));
  }

  private stepDown(why: string): void {
    clearTimeout(this.deadline);
    this.epoch++;
    if (!this.leading) return;
    this.leading = false;
    this.o.log.warn({ why }, "stopped leading");
    this.o.onStoppedLeading();
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { client, namespace, name, identity } = this.o;
    const now = new Date();
    const durationSeconds = Math.ceil(this.o.leaseDurationMs / 1000);
    let lease: Lease;
    try {
      lease = await client.get<Lease>(LEASES, namespace, name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await client.create<Lease>(LEASES, {
        apiVersion: "coordination.k8s.io/v1",
        kind: "Lease",
        metadata: { name, namespace },
        spec: {
          holderIdentity: identity,
          leaseDurationSeconds: durationSeconds,
          acquireTime: microTime(now),
          renewTime: microTime(now),
          leaseTransitions: 0,
        },
      });
      return true;
    }
    const spec = lease.spec ?? {};
    const holder = spec.holderIdentity ?? "";
    // Expiry is judged on the local clock from when this instance last saw the record change, not
    // from renewTime, so clock skew between instances cannot cause two leaders.
    const key = `${holder}|${spec.renewTime ?? ""}|${lease.metadata?.resourceVersion ?? ""}`;
    if (this.observed?.key !== key) this.observed = { key, at: Date.now() };
    const held = holder !== "" && holder !== identity;
    const leaseMs = (spec.leaseDurationSeconds ?? durationSeconds) * 1000;
    if (held && this.observed.at + leaseMs > Date.now()) return false;
    const next: Lease = {
      ...lease,
      spec: {
        ...spec,
        holderIdentity: identity,
        leaseDurationSeconds: durationSeconds,
        renewTime: microTime(now),
        acquireTime: holder === identity ? spec.acquireTime : microTime(now),
        leaseTransitions: (spec.leaseTransitions ?? 0) + (holder === identity || holder === "" ? 0 : 1),
      },
    };
    if (holder === "" && spec.acquireTime) {
      // A released lease changes hands: count the transition too.
      (next.spec as LeaseSpec).leaseTransitions = (spec.leaseTransitions ?? 0) + 1;
    }
    const written = await client.replace<Lease>(LEASES, next);
    this.observed = {
      key: `${identity}|${written.spec?.renewTime ?? ""}|${written.metadata?.resourceVersion ?? ""}`,
      at: Date.now(),
    };
    return true;
  }

  private async release(): Promise<void> {
    const { client, namespace, name, identity } = this.o;
    try {
      const lease = await client.get<Lease>(LEASES, namespace, name);
      if (lease.spec?.holderIdentity !== identity) return;
      await client.replace<Lease>(LEASES, {
        ...lease,
        spec: { ...lease.spec, holderIdentity: null, leaseDurationSeconds: 1, renewTime: microTime() },
      });
      this.o.log.info("released the leader lease");
    } catch (err) {
      this.o.log.warn(
        { err: errorMessage(err) },
        "could not release the leader lease; a standby takes over when it expires",
      );
    }
  }
}
