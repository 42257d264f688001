// A simulated kubelet for the fake API server: registers a Ready Node, binds new Pods to it and
// reports them Running and Ready through the status subresource (as the kubelet does), or ends them
// on request. It works on the store directly, so every change still bumps resourceVersions and
// reaches watches like an API write would.
import type { KubeObject } from "../../../src/controller/kube/object.js";
import type { FakeKube } from "./server.js";
import type { Change } from "./store.js";

interface PodLike extends KubeObject {
  spec?: { nodeName?: string; containers?: { name: string; image?: string }[] };
  status?: { phase?: string };
}

export interface FakeKubeletOptions {
  nodeNames?: string[];
  /** Delay before a new Pod is reported Running and Ready; negative: never (tests drive it). */
  readyDelayMs?: number;
}

export class FakeKubelet {
  private readonly fake: FakeKube;
  private readonly nodeNames: string[];
  private readonly readyDelayMs: number;
  private unsubscribe: (() => void) | undefined;
  private next = 0;
  private ipSeq = 1;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(fake: FakeKube, opts: FakeKubeletOptions = {}) {
    this.fake = fake;
    this.nodeNames = opts.nodeNames ?? ["node-1"];
    this.readyDelayMs = opts.readyDelayMs ?? 0;
  }

  start(): this {
    const nodes = this.fake.resource("nodes");
    const now = new Date().toISOString();
    for (const name of this.nodeNames) {
      this.fake.store.create(nodes, undefined, {
        metadata: { name, labels: { "kubernetes.io/hostname": name } },
      });
      this.fake.store.modify(
        nodes,
        undefined,
        name,
        (n) => ({
          ...n,
          status: {
            conditions: [{ type: "Ready", status: "True", lastTransitionTime: now, reason: "KubeletReady" }],
          },
        }),
        "status",
      );
    }
    const pods = this.fake.resource("pods");
    this.unsubscribe = this.fake.store.subscribe((c: Change) => {
      if (c.res !== pods || c.type !== "ADDED") return;
      const pod = c.object as PodLike;
      if (this.readyDelayMs < 0) return;
      const t = setTimeout(() => {
        this.timers.delete(t);
        this.markReady(pod.metadata?.namespace ?? "", pod.metadata?.name ?? "");
      }, this.readyDelayMs);
      this.timers.add(t);
    });
    return this;
  }

  stop(): void {
    this.unsubscribe?.();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Binds the Pod to a node and reports it Running with every container ready. */
  markReady(namespace: string, name: string): boolean {
    const pods = this.fake.resource("pods");
    const store = this.fake.store;
    let pod: PodLike;
    try {
      pod = store.get(pods, namespace, name) as PodLike;
    } catch {
      return false;
    }
    if (pod.metadata?.deletionTimestamp) return false;
    const node = pod.spec?.nodeName || (this.nodeNames[this.next++ % this.nodeNames.length] as string);
    if (!pod.spec?.nodeName)
      store.modify(pods, namespace, name, (p) => ({
        ...p,
        spec: { ...(p as PodLike).spec, nodeName: node },
      }));
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    const ip = `10.244.${Math.floor(this.ipSeq / 250) % 250}.${(this.ipSeq++ % 250) + 1}`;
    store.modify(
      pods,
      namespace,
      name,
      (p) => ({
        ...p,
        status: {
          phase: "Running",
          hostIP: "192.168.0.10",
          podIP: ip,
          podIPs: [{ ip }],
          startTime: now,
          conditions: ["PodScheduled", "Initialized", "ContainersReady", "Ready"].map((type) => ({
            type,
            status: "True",
            lastTransitionTime: now,
          })),
          containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
            name: c.name,
            image: c.image ?? "",
            imageID: "",
            ready: true,
            started: true,
            restartCount: 0,
            state: { running: { startedAt: now } },
          })),
        },
      }),
      "status",
    );
    return true;
  }

  /** Every Pod not yet Running is marked ready; answers how many. */
  markAllReady(): number {
    const pods = this.fake.resource("pods");
    let n = 0;
    for (const p of this.fake.store.list(pods, { labels: () => true, fields: () => true })
      .items as PodLike[]) {
      if (
        p.status?.phase !== "Running" &&
        this.markReady(p.metadata?.namespace ?? "", p.metadata?.name ?? "")
      )
        n++;
    }
    return n;
  }

  /** Ends the Pod's containers with `exitCode` (phase Failed, or Succeeded for 0). */
  terminate(namespace: string, name: string, exitCode: number): void {
    const pods = this.fake.resource("pods");
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    this.fake.store.modify(
      pods,
      namespace,
      name,
      (p) => {
        const pod = p as PodLike;
        return {
          ...pod,
          status: {
            ...(pod.status ?? {}),
            phase: exitCode === 0 ? "Succeeded" : "Failed",
            conditions: [{ type: "Ready", status: "False", lastTransitionTime: now, reason: "PodCompleted" }],
            containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
              name: c.name,
              image: c.image ?? "",
              imageID: "",
              ready: false,
              started: false,
              restartCount: 0,
              state: {
                terminated: { exitCode, reason: exitCode === 0 ? "Completed" : "Error", finishedAt: now },
              },
            })),
          },
        } as KubeObject;
      },
      "status",
    );
  }
}
