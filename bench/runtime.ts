// Benchmark: container lifecycle with berth's helper vs runc as the OCI runtime, same spec, same
// run, alternating so both see the same machine load. Both go through the driver and
// berth-runtime's monitor, so the difference is the OCI runtime itself.
//
//   make build && npx tsc --outDir dist --rootDir . --module nodenext --target es2022 --strict \
//     --skipLibCheck --types node bench/runtime.ts && node dist/bench/runtime.js
//   (root; BENCH_N=<iterations>, default 200; BERTH_HELPER=<path>, default dist/bin/berth-runtime)
import { execFileSync, spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pino } from "pino";
import { Cgroups } from "../src/runtime/cgroups.js";
import { RuntimeDriver } from "../src/runtime/driver.js";
import { run } from "../src/runtime/exec-file.js";
import { residentBytes } from "../src/runtime/proc.js";
import { mountRootfs, unmountRootfs } from "../src/runtime/rootfs.js";
import { writeBundle } from "../src/runtime/spec.js";

const N = Number(process.env.BENCH_N ?? 200);
const HELPER = resolve(process.env.BERTH_HELPER ?? "dist/bin/berth-runtime");
const RUNC = process.env.BENCH_RUNC ?? "/usr/bin/runc";

type Op = "create" | "start" | "wait" | "kill+wait" | "delete" | "total";
type Samples = Map<string, number[]>;

async function busyboxLayer(dir: string): Promise<string> {
  await mkdir(join(dir, "bin"), { recursive: true });
  await copyFile("/bin/busybox", join(dir, "bin/busybox"));
  for (const a of ["sh", "true", "sleep"]) await symlink("busybox", join(dir, "bin", a));
  return dir;
}

function record(s: Samples, key: string, ms: number): void {
  const list = s.get(key) ?? [];
  list.push(ms);
  s.set(key, list);
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
}

async function timed<T>(s: Samples, key: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const v = await fn();
  record(s, key, performance.now() - t0);
  return v;
}

async function once(
  d: RuntimeDriver,
  s: Samples,
  layer: string,
  id: string,
  scenario: "true" | "until-killed",
) {
  const label = (op: Op) => `${scenario} ${op}`;
  let paused = 0;
  const t0 = performance.now();
  await timed(s, label("create"), () =>
    d.create({
      spec: { id, args: scenario === "true" ? ["/bin/true"] : ["/bin/sleep", "1000"] },
      layers: [layer],
    }),
  );
  await timed(s, label("start"), () => d.start(id));
  if (scenario === "true") {
    await timed(s, label("wait"), () => d.wait(id, 30_000));
  } else {
    // The monitor trims its memory right after create, concurrently with start: give it a moment
    // under load (left out of the total).
    const pause = performance.now();
    await new Promise((r) => setTimeout(r, 20));
    const monitorPid = Number((await readFile(join(d.paths(id).dir, "ctl.pid"), "utf8")).trim());
    const rss = await residentBytes(monitorPid);
    if (rss !== undefined) record(s, "monitor rss KiB", rss / 1024);
    paused = performance.now() - pause;
    await timed(s, label("kill+wait"), async () => {
      await d.kill(id, "SIGKILL");
      return d.wait(id, 30_000);
    });
  }
  await timed(s, label("delete"), () => d.delete(id));
  record(s, label("total"), performance.now() - t0 - paused);
}

/**
 * The monitor's resident memory (VmRSS, shared-object pages included) beyond a quiet container:
 * while its container logs 5 lines a second (peak over 0–3 s after start, and over 6–9 s, after
 * the monitor's first busy trim at 5 s), and after a burst of output followed by a quiet spell
 * longer than the monitor's idle trim (2 s).
 */
async function monitorMemory(d: RuntimeDriver, layer: string, s: Samples, n: number): Promise<void> {
  const sleepMs = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const peakOver = async (pid: number, ms: number) => {
    let peak = 0;
    for (const end = performance.now() + ms; performance.now() < end; await sleepMs(50))
      peak = Math.max(peak, (await residentBytes(pid)) ?? 0);
    return peak / 1024;
  };
  const scenarios: { name: string; script: string; measure: (pid: number) => Promise<void> }[] = [
    {
      name: "logging",
      script: "while :; do echo tick; sleep 0.2; done",
      measure: async (pid) => {
        record(s, "monitor rss KiB, logging 5 lines/s, peak 0-3 s", await peakOver(pid, 3000));
        await sleepMs(3000);
        record(s, "monitor rss KiB, logging 5 lines/s, peak 6-9 s", await peakOver(pid, 3000));
      },
    },
    {
      name: "burst",
      script: "i=0; while [ $i -lt 1000 ]; do echo line $i; i=$((i+1)); done; sleep 1000",
      measure: async (pid) => {
        await sleepMs(2500);
        record(
          s,
          "monitor rss KiB, 2.5 s after a burst of 1000 lines",
          ((await residentBytes(pid)) ?? 0) / 1024,
        );
      },
    },
  ];
  for (const sc of scenarios) {
    for (let i = 0; i < n; i++) {
      const id = `berth-mem-${sc.name}-${i}`;
      await d.create({ spec: { id, args: ["/bin/sh", "-c", sc.script] }, layers: [layer] });
      await d.start(id);
      await sc.measure(Number((await readFile(join(d.paths(id).dir, "ctl.pid"), "utf8")).trim()));
      await d.kill(id, "SIGKILL");
      await d.wait(id, 30_000);
      await d.delete(id);
    }
  }
}

/** The OCI runtime alone on one prepared bundle: create, start, poll state until stopped, delete. */
async function rawOnce(runtime: string, root: string, bundle: string, s: Samples, id: string): Promise<void> {
  const t0 = performance.now();
  // The container inherits create's stdio: no pipes, or waiting for them to close would hang.
  await timed(s, "raw create", () => spawnOk(runtime, ["--root", root, "create", "--bundle", bundle, id]));
  await timed(s, "raw start", () => runOk(runtime, ["--root", root, "start", id]));
  await timed(s, "raw wait", async () => {
    for (;;) {
      const st = await run(runtime, ["--root", root, "state", id]);
      if (JSON.parse(st.stdout).status === "stopped") return;
      await new Promise((r) => setTimeout(r, 2));
    }
  });
  await timed(s, "raw delete", () => runOk(runtime, ["--root", root, "delete", id]));
  record(s, "raw total", performance.now() - t0);
}

function spawnOk(file: string, args: string[]): Promise<void> {
  return new Promise((res, rej) => {
    const p = spawn(file, args, { stdio: "ignore" });
    p.once("error", rej);
    p.once("exit", (code) =>
      code === 0 ? res() : rej(new Error(`${file} ${args.join(" ")}: exit ${code}`)),
    );
  });
}

async function runOk(file: string, args: string[]): Promise<void> {
  const r = await run(file, args);
  if (r.code !== 0) throw new Error(`${file} ${args.join(" ")}: ${r.stderr.trim()}`);
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error("the runtime benchmark needs root");
  const tmp = await mkdtemp(join(tmpdir(), "berth-bench-"));
  const cgroupParent = `/berth-bench-${process.pid}`;
  const cgroups = new Cgroups();
  try {
    const layer = await busyboxLayer(join(tmp, "layer"));
    // Container state lives on tmpfs in production (/run/berth); so it does here.
    await mkdir(join(tmp, "state"));
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=512m", "bench-state", join(tmp, "state")]);
    const log = pino({ level: "silent" });
    const mk = (runtimeBinary: string) =>
      new RuntimeDriver({
        stateRoot: join(tmp, "state"),
        helperBinary: HELPER,
        runtimeBinary,
        cgroupParent,
        log,
      });
    const backends = [
      { name: "berth", driver: mk(HELPER), samples: new Map() as Samples },
      { name: "runc", driver: mk(RUNC), samples: new Map() as Samples },
    ];
    for (const scenario of ["true", "until-killed"] as const) {
      for (let i = 0; i < N; i++) {
        for (const b of backends)
          await once(
            b.driver,
            b.samples,
            layer,
            `${b.name}-${scenario === "true" ? "t" : "k"}-${i}`,
            scenario,
          );
      }
    }
    // The monitor is berth-runtime's under both backends: its memory is measured once.
    const memory: Samples = new Map();
    await monitorMemory(backends[0]!.driver, layer, memory, Math.max(1, Math.min(5, Math.round(N / 40))));
    // The same bundle under each runtime alone, without the driver and monitor around it.
    const { merged } = await mountRootfs(join(tmp, "state/raw"), [layer]);
    await writeBundle(join(tmp, "state/raw"), {
      id: "raw",
      rootfs: merged,
      args: ["/bin/true"],
      cgroupsPath: `${cgroupParent}/raw`,
    });
    for (let i = 0; i < N; i++) {
      for (const b of backends) {
        const bin = b.name === "berth" ? HELPER : RUNC;
        await rawOnce(
          bin,
          join(tmp, "state/raw-root", b.name),
          join(tmp, "state/raw"),
          b.samples,
          `raw-${b.name}-${i}`,
        );
      }
    }
    await unmountRootfs(join(tmp, "state/raw"));
    const [berth, runc] = backends as [(typeof backends)[0], (typeof backends)[0]];
    const rows: string[][] = [
      ["operation", "berth median", "berth p95", "runc median", "runc p95", "median ratio"],
    ];
    for (const key of berth.samples.keys()) {
      const a = berth.samples.get(key) ?? [];
      const b = runc.samples.get(key) ?? [];
      const unit = key.includes("KiB") ? "" : " ms";
      rows.push([
        key,
        `${quantile(a, 0.5).toFixed(1)}${unit}`,
        `${quantile(a, 0.95).toFixed(1)}${unit}`,
        `${quantile(b, 0.5).toFixed(1)}${unit}`,
        `${quantile(b, 0.95).toFixed(1)}${unit}`,
        `${(quantile(a, 0.5) / quantile(b, 0.5)).toFixed(2)}×`,
      ]);
    }
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    console.log(`runtime lifecycle, ${N} containers per scenario and backend (monitor: berth-runtime)`);
    for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join("  "));
    const idle = berth.samples.get("monitor rss KiB") ?? [];
    memory.set("monitor rss KiB, quiet container after start", idle);
    for (const [key, xs] of memory) {
      const max = Math.max(...xs);
      console.log(
        `${key}: median ${quantile(xs, 0.5).toFixed(0)}, max ${max.toFixed(0)} (${xs.length} monitors); ` +
          `goal ≤ 1024 KiB ${max <= 1024 ? "met" : "not met"}`,
      );
    }
    const goals: [string, string][] = [
      ["true total", "through the driver and monitor, create+start+wait of true"],
      ["raw total", "the OCI runtime alone on the same bundle"],
    ];
    for (const [key, what] of goals) {
      const ratio = quantile(berth.samples.get(key) ?? [], 0.5) / quantile(runc.samples.get(key) ?? [], 0.5);
      console.log(
        `goal berth median ≤ 0.5× runc's (${what}): ${ratio.toFixed(2)}× ${ratio <= 0.5 ? "met" : "not met"}`,
      );
    }
  } finally {
    await cgroups.remove(cgroupParent).catch(() => undefined);
    // Deepest first: container roots, then the tmpfs holding them.
    execFileSync("sh", [
      "-c",
      `grep -o ' ${tmp}[^ ]*' /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l`,
    ]);
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
