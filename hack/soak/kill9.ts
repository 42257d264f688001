// Soak: 3 clients run pod and container lifecycles (run, create, start, exec, stop, remove) while
// berthd is killed with SIGKILL at random moments and restarted, SOAK_KILLS times for each of
// SOAK_SEEDS seeds. After each restart (with the clients held) and at the end, once everything is
// removed, it counts: lost objects (a client was told it exists, it is not listed), phantoms (listed
// but never created by any call, or listed twice), wrong states, unexpected answers, and leftovers
// (processes, mounts, cgroups, netns, IPs, runtime directories) that no listed object owns. Every
// figure must be 0. See docs/soak.md.
//
//   make soak SOAK=kill9          SOAK_SEEDS=3 SOAK_KILLS=20 (the defaults), SOAK_SEED0=1
import { join } from "node:path";
import { status } from "@grpc/grpc-js";
import { removeTree } from "../../test/helpers/berthd.js";
import { ensureBusyboxImage } from "../../test/helpers/images.js";
import {
  CODE_NAMES,
  countLeftovers,
  envNumber,
  type Leftovers,
  leftovers,
  type Method,
  mib,
  RawClient,
  Rng,
  rss,
  type SoakDaemon,
  sleep,
  soakDaemon,
} from "./lib.js";

const SEEDS = envNumber("SOAK_SEEDS", 3);
const KILLS = envNumber("SOAK_KILLS", 20);
const SEED0 = envNumber("SOAK_SEED0", 1);
const CLIENTS = envNumber("SOAK_CLIENTS", 3);
const BASE = process.env.SOAK_DIR ?? "/var/tmp/berth-soak-kill9";

const CREATED = 0;
const RUNNING = 1;
const EXITED = 2;
const READY = 0;
const NOTREADY = 1;

const rt = (name: string): Method => ({ service: "runtime", name }) as Method;

interface Obj {
  kind: "pod" | "container";
  id: string;
  name: string;
  podId: string;
  /** States the object may be found in (more than one after an interrupted call). */
  states: Set<number>;
  /** An interrupted remove: it may or may not be there. */
  mayBeGone: boolean;
}

interface Figures {
  lost: string[];
  phantoms: string[];
  duplicates: string[];
  wrongStates: string[];
  unexpected: string[];
  adopted: number;
  leftovers: Leftovers;
}

function emptyLeftovers(): Leftovers {
  return { mounts: [], cgroups: [], netns: [], ips: [], processes: [], runtimeDirs: [] };
}

class Interrupted extends Error {}

class Run {
  known = new Map<string, Obj>();
  /** Creates whose answer the kill swallowed: their object may exist under this name. */
  pendingCreates = new Map<string, { kind: "pod" | "container"; podId: string }>();
  gate: Promise<void> | undefined;
  release: (() => void) | undefined;
  parked = 0;
  totals: Figures = {
    lost: [],
    phantoms: [],
    duplicates: [],
    wrongStates: [],
    unexpected: [],
    adopted: 0,
    leftovers: emptyLeftovers(),
  };
  calls = 0;
  interrupted = 0;
  stopping = false;

  constructor(
    readonly d: SoakDaemon,
    readonly image: string,
    readonly seed: number,
  ) {}

  async waitGate(): Promise<void> {
    while (this.gate) {
      this.parked++;
      await this.gate;
      this.parked--;
    }
  }

  /** One call; throws Interrupted when the kill took its answer away (the outcome is unknown). */
  async call(
    c: RawClient,
    m: Method,
    req: Record<string, unknown>,
    /** What the call may change, noted once the gate is passed (a check in between resets it). */
    before?: () => void,
  ): Promise<Record<string, unknown>> {
    await this.waitGate();
    before?.();
    this.calls++;
    const o = await c.call(m, req, 60_000);
    if (o.code === status.OK) return (o.response ?? {}) as Record<string, unknown>;
    if (this.gate) {
      this.interrupted++;
      throw new Interrupted(`${m.name}: ${CODE_NAMES[o.code]} ${o.details}`);
    }
    const what = `${m.name} ${JSON.stringify(req).slice(0, 160)}: ${CODE_NAMES[o.code]} ${o.details}`;
    this.totals.unexpected.push(what);
    throw new Error(what);
  }

  async lifecycle(c: RawClient, r: Rng, client: number, n: number): Promise<void> {
    const podName = `p-${this.seed}-${client}-${n}`;
    const config = {
      metadata: { name: podName, namespace: "soak", uid: `uid-${podName}`, attempt: 0 },
      hostname: podName,
      logDirectory: join(this.d.dir, "logs", podName),
      labels: { client: String(client) },
      linux: { securityContext: { namespaceOptions: { network: 0, pid: 1, ipc: 0 } } },
    };
    const res = await this.create(podName, { kind: "pod", podId: "" }, (before) =>
      this.call(c, rt("RunPodSandbox"), { config }, before),
    );
    const podId = String(res.podSandboxId);
    this.known.set(podId, {
      kind: "pod",
      id: podId,
      name: podName,
      podId,
      states: new Set([READY]),
      mayBeGone: false,
    });
    const containers: string[] = [];
    for (let i = 0, k = r.range(1, 3); i < k; i++) {
      const name = `c${i}`;
      const key = `${podId}/${name}`;
      const res = await this.create(key, { kind: "container", podId }, (before) =>
        this.call(
          c,
          rt("CreateContainer"),
          {
            podSandboxId: podId,
            config: {
              metadata: { name, attempt: 0 },
              image: { image: this.image },
              command: r.chance(0.5)
                ? ["sleep", "1000"]
                : ["sh", "-c", 'trap "exit 0" TERM; while true; do sleep 0.2; done'],
              logPath: `${name}.log`,
            },
            sandboxConfig: config,
          },
          before,
        ),
      );
      const id = String(res.containerId);
      this.known.set(id, {
        kind: "container",
        id,
        name,
        podId,
        states: new Set([CREATED]),
        mayBeGone: false,
      });
      containers.push(id);
      if (r.chance(0.1)) continue; // left created
      const obj = this.known.get(id)!;
      await this.call(c, rt("StartContainer"), { containerId: id }, () => obj.states.add(RUNNING));
      obj.states = new Set([RUNNING]);
      if (r.chance(0.6)) {
        const res = await this.call(c, rt("ExecSync"), {
          containerId: id,
          cmd: ["cat", "/etc/hostname"],
          timeout: 10,
        });
        if (Number(res.exitCode ?? 0) !== 0)
          this.totals.unexpected.push(`ExecSync in ${id}: exit ${res.exitCode}`);
      }
    }
    await sleep(r.range(0, 500));
    for (const id of containers) {
      if (r.chance(0.2)) continue; // stopped and removed with the pod
      const obj = this.known.get(id);
      if (!obj) continue;
      if (obj.states.has(RUNNING) && r.chance(0.8)) {
        await this.call(c, rt("StopContainer"), { containerId: id, timeout: r.int(2) }, () =>
          obj.states.add(EXITED),
        );
        obj.states = new Set([EXITED]);
      }
      if (r.chance(0.8)) {
        // A remove kills first: interrupted after that, the container is still listed, exited.
        await this.call(c, rt("RemoveContainer"), { containerId: id }, () => {
          obj.mayBeGone = true;
          obj.states.add(EXITED);
        });
        this.known.delete(id);
      }
    }
    const podContainers = () =>
      [...this.known.values()].filter((o) => o.kind === "container" && o.podId === podId);
    if (r.chance(0.8)) {
      const pod = this.known.get(podId)!;
      // A pod's stop ends its containers, created ones included (they become exited).
      await this.call(c, rt("StopPodSandbox"), { podSandboxId: podId }, () => {
        pod.states.add(NOTREADY);
        for (const o of podContainers()) o.states.add(EXITED);
      });
      pod.states = new Set([NOTREADY]);
      for (const o of podContainers()) o.states = new Set([EXITED]);
    }
    await this.removePod(c, podId);
  }

  /** A create whose object, when the kill takes the answer away, may exist under `key` (the check adopts it). */
  async create<T>(
    key: string,
    what: { kind: "pod" | "container"; podId: string },
    fn: (before: () => void) => Promise<T>,
  ): Promise<T> {
    try {
      const res = await fn(() => this.pendingCreates.set(key, what));
      this.pendingCreates.delete(key);
      return res;
    } catch (err) {
      if (!(err instanceof Interrupted)) this.pendingCreates.delete(key);
      throw err;
    }
  }

  async removePod(c: RawClient, podId: string): Promise<void> {
    const pod = this.known.get(podId);
    if (!pod) return;
    // Interrupted half-way, a remove may leave the pod stopped and its containers exited.
    await this.call(c, rt("RemovePodSandbox"), { podSandboxId: podId }, () => {
      pod.mayBeGone = true;
      pod.states.add(NOTREADY);
      for (const o of this.known.values())
        if (o.kind === "container" && o.podId === podId) {
          o.mayBeGone = true;
          o.states.add(EXITED);
        }
    });
    for (const [id, o] of this.known) if (o.podId === podId) this.known.delete(id);
  }

  async client(i: number): Promise<void> {
    const r = new Rng(this.seed * 100 + i);
    const c = new RawClient(this.d.socket);
    let n = 0;
    while (!this.stopping) {
      try {
        await this.lifecycle(c, r, i, ++n);
      } catch (err) {
        if (!(err instanceof Interrupted) && !this.gate) await sleep(200);
        await this.waitGate();
        // Whatever this client had half-done goes, as kubelet's next sync would remove it.
        for (const o of [...this.known.values()])
          if (o.kind === "pod" && o.name.startsWith(`p-${this.seed}-${i}-`))
            await this.removePod(c, o.id).catch(() => {});
      }
    }
    c.close();
  }

  /** With every client held: compares what berthd lists with what the clients were told. */
  async check(where: string, end = false): Promise<Figures> {
    const f: Figures = {
      lost: [],
      phantoms: [],
      duplicates: [],
      wrongStates: [],
      unexpected: [],
      adopted: 0,
      leftovers: emptyLeftovers(),
    };
    const c = new RawClient(this.d.socket);
    try {
      const ps = await c.call(rt("ListPodSandbox"), {}, 30_000);
      const cs = await c.call(rt("ListContainers"), {}, 30_000);
      if (ps.code !== status.OK || cs.code !== status.OK) {
        f.unexpected.push(`${where}: list failed: ${ps.details} ${cs.details}`);
        return f;
      }
      const pods = ((ps.response as { items?: Record<string, unknown>[] }).items ?? []).map((p) => ({
        id: String(p.id),
        name: String((p.metadata as { name?: string } | undefined)?.name ?? ""),
        podId: String(p.id),
        state: Number(p.state ?? 0),
        kind: "pod" as const,
      }));
      const ctrs = ((cs.response as { containers?: Record<string, unknown>[] }).containers ?? []).map(
        (x) => ({
          id: String(x.id),
          name: String((x.metadata as { name?: string } | undefined)?.name ?? ""),
          podId: String(x.podSandboxId),
          state: Number(x.state ?? 0),
          kind: "container" as const,
        }),
      );
      const listed = [...pods, ...ctrs];
      const seen = new Set<string>();
      const names = new Set<string>();
      for (const o of listed) {
        if (seen.has(o.id)) f.duplicates.push(`${where}: ${o.kind} ${o.id} listed twice`);
        seen.add(o.id);
        const nk = `${o.kind} ${o.kind === "container" ? `${o.podId}/` : ""}${o.name}`;
        if (names.has(nk)) f.duplicates.push(`${where}: two of ${nk}`);
        names.add(nk);
        const k = this.known.get(o.id);
        if (k) {
          if (!k.states.has(o.state))
            f.wrongStates.push(
              `${where}: ${o.kind} ${o.name} ${o.id.slice(0, 12)} is ${o.state}, expected one of ${[...k.states]}`,
            );
          k.states = new Set([o.state]);
          k.mayBeGone = false;
          continue;
        }
        const pendingKey = o.kind === "pod" ? o.name : `${o.podId}/${o.name}`;
        const pending = this.pendingCreates.get(pendingKey);
        if (pending && pending.kind === o.kind) {
          // A create the kill interrupted after it took effect: the client adopts it.
          f.adopted++;
          this.known.set(o.id, {
            kind: o.kind,
            id: o.id,
            name: o.name,
            podId: o.podId,
            states: new Set([o.state]),
            mayBeGone: false,
          });
          continue;
        }
        // Containers of a pod whose create was interrupted are that create's too.
        f.phantoms.push(`${where}: ${o.kind} ${o.name} ${o.id} was never created by a client`);
      }
      for (const [id, k] of this.known) {
        if (seen.has(id)) continue;
        if (k.mayBeGone) this.known.delete(id);
        else
          f.lost.push(`${where}: ${k.kind} ${k.name} ${id.slice(0, 12)} was acknowledged but is not listed`);
      }
      this.pendingCreates.clear();
      if (end && listed.length > 0)
        f.unexpected.push(`${where}: ${listed.length} objects listed after removing everything`);
      f.leftovers = leftovers(this.d, new Set(pods.map((p) => p.id)), new Set(ctrs.map((x) => x.id)));
    } finally {
      c.close();
    }
    return f;
  }

  add(f: Figures): void {
    const t = this.totals;
    t.lost.push(...f.lost);
    t.phantoms.push(...f.phantoms);
    t.duplicates.push(...f.duplicates);
    t.wrongStates.push(...f.wrongStates);
    t.unexpected.push(...f.unexpected);
    t.adopted += f.adopted;
    for (const k of Object.keys(t.leftovers) as (keyof Leftovers)[]) t.leftovers[k].push(...f.leftovers[k]);
  }
}

function bad(f: Figures): number {
  return (
    f.lost.length +
    f.phantoms.length +
    f.duplicates.length +
    f.wrongStates.length +
    f.unexpected.length +
    countLeftovers(f.leftovers)
  );
}

async function oneSeed(
  seed: number,
  image: string,
): Promise<Figures & { calls: number; interrupted: number; rss: number[] }> {
  const dir = join(BASE, `seed-${seed}`);
  await removeTree(dir);
  const d = await soakDaemon(dir, `k${seed}`);
  const run = new Run(d, image, seed);
  const r = new Rng(seed);
  const rssAfterRestart: number[] = [];
  try {
    await d.start();
    const setup = new RawClient(d.socket);
    const pulled = await setup.call({ service: "image", name: "PullImage" }, { image: { image } }, 120_000);
    setup.close();
    if (pulled.code !== status.OK) throw new Error(`pull: ${pulled.details}`);
    const clients = Array.from({ length: CLIENTS }, (_, i) => run.client(i));
    for (let k = 1; k <= KILLS; k++) {
      await sleep(r.range(300, 4000));
      run.gate = new Promise((res) => {
        run.release = res;
      });
      await d.kill9();
      // Every client's call in flight has failed and each is held before its next one.
      const until = Date.now() + 60_000;
      while (run.parked < CLIENTS && Date.now() < until) await sleep(20);
      if (run.parked < CLIENTS) run.totals.unexpected.push(`kill ${k}: clients did not settle`);
      await d.start();
      rssAfterRestart.push(rss(d.pid()));
      const f = await run.check(`seed ${seed} kill ${k}`);
      run.add(f);
      console.log(
        `seed ${seed} kill ${k}: lost ${f.lost.length}, phantoms ${f.phantoms.length}, duplicates ${f.duplicates.length}, wrong states ${f.wrongStates.length}, leftovers ${countLeftovers(f.leftovers)}, adopted ${f.adopted}, objects ${run.known.size}`,
      );
      const release = run.release;
      run.gate = undefined;
      release?.();
    }
    run.stopping = true;
    await Promise.race([Promise.all(clients), sleep(120_000)]);
    // Everything still there goes; then nothing may be left.
    const c = new RawClient(d.socket);
    const ps = await c.call(rt("ListPodSandbox"), {}, 30_000);
    for (const p of (ps.response as { items?: { id: string }[] })?.items ?? []) {
      const o = await c.call(rt("RemovePodSandbox"), { podSandboxId: p.id }, 60_000);
      if (o.code !== status.OK) run.totals.unexpected.push(`final RemovePodSandbox: ${o.details}`);
    }
    c.close();
    run.known.clear();
    await sleep(1000);
    run.add(await run.check(`seed ${seed} end`, true));
    // One more restart: recovery must not bring anything back.
    await d.stop();
    await d.start();
    run.add(await run.check(`seed ${seed} end+restart`, true));
    await d.stop();
  } finally {
    await d.destroy();
  }
  return { ...run.totals, calls: run.calls, interrupted: run.interrupted, rss: rssAfterRestart };
}

async function main(): Promise<void> {
  const { ref: image } = await ensureBusyboxImage({ repo: "berth-soak/busybox", tag: "v1" });
  const all: (Figures & { calls: number; interrupted: number; rss: number[] })[] = [];
  const t0 = Date.now();
  for (let s = SEED0; s < SEED0 + SEEDS; s++) all.push(await oneSeed(s, image));
  type SeedResult = Figures & { calls: number; interrupted: number; rss: number[] };
  const sum = (fn: (f: SeedResult) => number) => all.reduce((a, f) => a + fn(f), 0);
  const line = (k: string, v: unknown) => console.log(`${k.padEnd(30)} ${v}`);
  console.log("\n==== kill -9 soak report ====");
  line("command", `SOAK_SEEDS=${SEEDS} SOAK_KILLS=${KILLS} SOAK_SEED0=${SEED0} make soak SOAK=kill9`);
  line("kills", SEEDS * KILLS);
  line("calls (interrupted)", `${sum((f) => f.calls)} (${sum((f) => f.interrupted)})`);
  line("duration", `${((Date.now() - t0) / 1000).toFixed(0)} s`);
  line(
    "lost objects",
    sum((f) => f.lost.length),
  );
  line(
    "phantoms",
    sum((f) => f.phantoms.length),
  );
  line(
    "listed twice",
    sum((f) => f.duplicates.length),
  );
  line(
    "wrong states",
    sum((f) => f.wrongStates.length),
  );
  line(
    "unexpected answers",
    sum((f) => f.unexpected.length),
  );
  for (const k of Object.keys(emptyLeftovers()) as (keyof Leftovers)[])
    line(
      `leaked ${k}`,
      sum((f) => f.leftovers[k].length),
    );
  line(
    "interrupted creates adopted",
    sum((f) => f.adopted),
  );
  const rs = all.flatMap((f) => f.rss);
  line("berthd RSS after restarts", `${mib(Math.min(...rs))} – ${mib(Math.max(...rs))}`);
  for (const f of all) {
    for (const x of [...f.lost, ...f.phantoms, ...f.duplicates, ...f.wrongStates, ...f.unexpected].slice(
      0,
      40,
    ))
      console.log(`  ${x}`);
    for (const [k, v] of Object.entries(f.leftovers))
      for (const x of (v as string[]).slice(0, 20)) console.log(`  leaked ${k}: ${x}`);
  }
  process.exitCode = all.some((f) => bad(f) > 0) ? 1 : 0;
}

await main();
process.exit(process.exitCode ?? 0);
