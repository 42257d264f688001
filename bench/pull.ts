// Benchmark: cold pull + unpack of a ≥200 MB, 6-layer image from the local registry, berth vs
// containerd's CRI PullImage (Debian containerd, started here with its own temporary roots), in
// the same run, alternating. Prints both medians, the ratio and berth's peak RSS.
//
//   hack/registry.sh start && make build   # dist/ then holds cri-api/runtime/v1/api.js
//   npx tsc --outDir dist --rootDir . --module nodenext --target es2022 --strict --skipLibCheck --allowJs \
//     --types node bench/pull.ts && node dist/bench/pull.js
//   (root; BENCH_N=<runs per side>, default 3; BENCH_CONTAINERD=/usr/bin/containerd)
import { fork } from "node:child_process";
import { createCipheriv } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { pino } from "pino";
import { defaultConfig } from "../src/config.js";
import { collectIdle, tuneMemory } from "../src/idle-gc.js";
import { ImageManager } from "../src/image/index.js";
import type { BuiltLayer, EntrySpec } from "../test/helpers/images.js";

// The harness (image building, containerd's gRPC client) is loaded in the parent only: the berth
// child imports what berthd's image service imports and nothing else, so its RSS is berth's own.
type Helpers = typeof import("../test/helpers/images.js");
type Peer = typeof import("./containerd.js");
let H: Helpers;
let startContainerd: Peer["startContainerd"];

const N = Number(process.env.BENCH_N ?? 3);
const REPO = "berth-bench/pull";
const gzipAsync = promisify(gzip);

/** Deterministic incompressible bytes (AES-CTR keystream), so the image is the same every run. */
function noise(seed: string, size: number): Buffer {
  const key = Buffer.from(H.sha256(seed).slice(7, 39), "hex");
  const c = createCipheriv("aes-128-ctr", key, Buffer.alloc(16));
  return Buffer.concat([c.update(Buffer.alloc(size)), c.final()]);
}

function text(seed: string, size: number): Buffer {
  const lines: string[] = [];
  let n = 0;
  for (let len = 0; len < size; n++) {
    const line = `${seed} line ${n} value=${(n * 2654435761) % 1000003} lorem ipsum dolor sit amet\n`;
    lines.push(line);
    len += line.length;
  }
  return Buffer.from(lines.join("")).subarray(0, size);
}

function layerEntries(i: number): EntrySpec[] {
  const e: EntrySpec[] = [{ path: `opt/l${i}`, type: "directory" }];
  for (let f = 0; f < 4; f++)
    e.push({ path: `opt/l${i}/blob${f}.bin`, content: noise(`l${i}-b${f}`, 6 << 20) });
  for (let f = 0; f < 4; f++)
    e.push({ path: `opt/l${i}/text${f}.txt`, content: text(`l${i}-t${f}`, 4 << 20) });
  for (let d = 0; d < 20; d++) {
    e.push({ path: `opt/l${i}/small/d${d}`, type: "directory" });
    for (let f = 0; f < 50; f++)
      e.push({
        path: `opt/l${i}/small/d${d}/f${f}`,
        content: f % 2 ? text(`${i}${d}${f}`, 2048) : noise(`${i}${d}${f}`, 2048),
      });
  }
  return e;
}

async function buildAndPush(): Promise<{ ref: string; bytes: number; compressed: number }> {
  const tars = [await H.makeTar(H.busyboxEntries())];
  for (let i = 1; i <= 5; i++) tars.push(await H.makeTar(layerEntries(i)));
  const layers: BuiltLayer[] = await Promise.all(
    tars.map(async (tar) => {
      const blob = await gzipAsync(tar);
      return {
        blob,
        digest: H.sha256(blob),
        size: blob.length,
        diffId: H.sha256(tar),
        mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
      };
    }),
  );
  const { ref } = await H.pushImage(H.buildImage(layers), { repo: REPO, tag: "v1" });
  return {
    ref,
    bytes: tars.reduce((n, t) => n + t.length, 0),
    compressed: layers.reduce((n, l) => n + l.size, 0),
  };
}

// ---- berth, in a child process so its RSS is its own ----

interface ChildResult {
  ms: number;
  /** user + system CPU milliseconds spent in the pull */
  cpuMs: number;
  maxRssKb: number;
  /** RSS right before the pull: node and the image service's modules, loaded, idle and trimmed. */
  startRssKb: number;
}

const statusKb = (field: string) =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0);

async function berthChild(ref: string, root: string): Promise<void> {
  tuneMemory(); // as berthd runs
  const m = await ImageManager.open({
    root,
    registry: defaultConfig().registry,
    log: pino({ level: "warn" }),
  });
  // berthd between calls, as its idle collector leaves it; the peak counts from here on.
  collectIdle();
  writeFileSync("/proc/self/clear_refs", "5");
  const startRssKb = statusKb("VmRSS");
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  await m.pull(ref);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  // VmHWM, not getrusage's maxrss: Linux carries maxrss over from the forking parent.
  process.send?.({ ms, cpuMs, maxRssKb: statusKb("VmHWM"), startRssKb } satisfies ChildResult);
}

function berthPull(ref: string): Promise<ChildResult> {
  const root = mkdtempSync(join(tmpdir(), "berth-bench-pull-"));
  return new Promise<ChildResult>((resolve, reject) => {
    let result: ChildResult | undefined;
    const child = fork(process.argv[1] as string, ["--berth-child", ref, root], { stdio: "inherit" });
    child.on("message", (m) => {
      result = m as ChildResult;
    });
    child.on("exit", (code) =>
      result && code === 0 ? resolve(result) : reject(new Error(`berth child exit ${code}`)),
    );
  }).finally(() => rmSync(root, { recursive: true, force: true }));
}

// ---- containerd ----

/** utime + stime of a process in milliseconds (from /proc, clock ticks of 10 ms). */
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function containerdPull(ref: string): Promise<{ ms: number; cpuMs: number }> {
  const c = await startContainerd();
  try {
    const cpu0 = cpuOf(c.pid);
    const t0 = process.hrtime.bigint();
    await c.cri.image("PullImage", { image: { image: ref } }, 600_000);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { ms, cpuMs: cpuOf(c.pid) - cpu0 };
  } finally {
    await c.stop();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  if (process.argv[2] === "--berth-child") {
    await berthChild(process.argv[3] as string, process.argv[4] as string);
    return;
  }
  H = await import("../test/helpers/images.js");
  ({ startContainerd } = await import("./containerd.js"));
  if (!(await H.registryUp())) throw new Error("no registry on 127.0.0.1:5000: run hack/registry.sh start");
  const image = await buildAndPush();
  console.log(
    `image ${image.ref}: 6 layers, ${(image.bytes / 1e6).toFixed(0)} MB unpacked, ${(image.compressed / 1e6).toFixed(0)} MB compressed`,
  );
  const berth: number[] = [];
  const berthCpu: number[] = [];
  const ctrd: number[] = [];
  const ctrdCpu: number[] = [];
  let rss = 0;
  for (let i = 0; i < N; i++) {
    // Alternate who goes first, so both see the same drift in machine load.
    const order = i % 2 === 0 ? ["berth", "containerd"] : ["containerd", "berth"];
    for (const who of order) {
      if (who === "berth") {
        const b = await berthPull(image.ref);
        berth.push(b.ms);
        berthCpu.push(b.cpuMs);
        rss = Math.max(rss, b.maxRssKb);
        console.log(
          `run ${i + 1}: berth      ${b.ms.toFixed(0)} ms wall, ${b.cpuMs.toFixed(0)} ms CPU, peak RSS ${(b.maxRssKb / 1024).toFixed(0)} MiB (${(b.startRssKb / 1024).toFixed(0)} before the pull)`,
        );
      } else {
        const c = await containerdPull(image.ref);
        ctrd.push(c.ms);
        ctrdCpu.push(c.cpuMs);
        console.log(`run ${i + 1}: containerd ${c.ms.toFixed(0)} ms wall, ${c.cpuMs.toFixed(0)} ms CPU`);
      }
    }
  }
  const mb = median(berth);
  const mc = median(ctrd);
  console.log(
    `berth      pull+unpack median: ${mb.toFixed(0)} ms wall, ${median(berthCpu).toFixed(0)} ms CPU`,
  );
  console.log(
    `containerd pull+unpack median: ${mc.toFixed(0)} ms wall, ${median(ctrdCpu).toFixed(0)} ms CPU`,
  );
  console.log(
    `ratio berth/containerd: ${(mb / mc).toFixed(2)} wall (goal <= 0.70), ${(median(berthCpu) / median(ctrdCpu)).toFixed(2)} CPU`,
  );
  console.log(`berth peak RSS: ${(rss / 1024).toFixed(0)} MiB`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
