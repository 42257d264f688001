// Benchmark: 1,000 berth Services × 3 replicas created at once against the fake API server (run in
// its own process with a simulated kubelet that reports every Pod Running and Ready, and which also
// creates the Services, so the measured process holds only the controller), until every
// Service's status shows 3 ready replicas and Available. Prints convergence time, reconciles per
// second and the controller process's peak RSS against the goals (30 s, 200 MB): there is no peer
// controller to run beside it on this machine, so the ratio printed is measured / goal.
//
//   npx tsc --outDir dist --rootDir . --module nodenext --target es2022 --strict --skipLibCheck \
//     --types node --resolveJsonModule bench/controller.ts && node dist/bench/controller.js
//   (BENCH_SERVICES=<n>, default 1000; BENCH_REPLICAS=<n>, default 3; BENCH_WORKERS=<n>, default 8)
import { spawn } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { KubeConfig } from "@kubernetes/client-node";
import { pino } from "pino";
import { Registry } from "prom-client";
import { KubeClient } from "../src/controller/kube/client.js";
import { BERTH_SERVICES } from "../src/controller/kube/resources.js";
import { tuneControllerHeap } from "../src/controller/main.js";
import { Controller } from "../src/controller/reconcilers/controller.js";
import type { BerthService } from "../src/controller/types.js";
import { FakeKubelet } from "../test/helpers/fake-kube/kubelet.js";
import { startFakeKube } from "../test/helpers/fake-kube/server.js";

const SERVICES = Number(process.env.BENCH_SERVICES ?? 1000);
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 3);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 8);
const GOAL_SECONDS = 30;
const GOAL_RSS_MB = 200;

/** The child process: the fake API server and kubelet; prints its URL, exits when stdin closes. */
async function serveApi(): Promise<void> {
  const fake = await startFakeKube({ historyLimit: 500_000 });
  const kubelet = new FakeKubelet(fake, {
    nodeNames: ["node-1", "node-2", "node-3"],
    readyDelayMs: 5,
  }).start();
  process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`);
  // The load (creating the Services) comes from this side too, so the controller's process holds
  // nothing but the controller and its peak RSS is its own.
  const commands = createInterface({ input: process.stdin });
  commands.on("line", (line) => {
    if (line !== "create") return;
    void createServices(fake.url).then((seconds) => {
      process.stdout.write(`${JSON.stringify({ createdIn: seconds })}\n`);
    });
  });
  process.stdin.on("end", () => {
    if (process.env.BENCH_DEBUG) {
      const by = new Map<string, number>();
      for (const r of fake.requests) {
        const k = `${r.method} ${r.path
          .split("/")
          .slice(-3)
          .filter((x) => !x.startsWith("svc-"))
          .join("/")} ${r.code}`;
        by.set(k, (by.get(k) ?? 0) + 1);
      }
      process.stderr.write(
        `${[...by]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 25)
          .map(([k, v]) => `${v} ${k}`)
          .join("\n")}\n`,
      );
    }
    const cpu = process.cpuUsage();
    process.stdout.write(
      `${JSON.stringify({ requests: fake.requests.length, cpuSeconds: (cpu.user + cpu.system) / 1e6 })}\n`,
    );
    kubelet.stop();
    void fake.close().then(() => process.exit(0));
  });
}

function kubeConfig(url: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "fake", server: url, skipTLSVerify: true }],
    users: [{ name: "u" }],
    contexts: [{ name: "c", cluster: "fake", user: "u" }],
    currentContext: "c",
  });
  return kc;
}

/** Creates every Service, 64 at a time, as kubectl would; answers the seconds it took. */
async function createServices(url: string): Promise<number> {
  const client = new KubeClient(kubeConfig(url), { maxSockets: 64 });
  const started = performance.now();
  let nextIndex = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (nextIndex < SERVICES) await client.create(BERTH_SERVICES, service(nextIndex++));
    }),
  );
  client.close();
  return (performance.now() - started) / 1000;
}

function service(i: number): BerthService {
  const name = `svc-${i}`;
  return {
    apiVersion: "berth.dev/v1alpha1",
    kind: "Service",
    metadata: { name, namespace: `bench-${i % 10}` },
    spec: {
      replicas: REPLICAS,
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "main", image: "busybox" }] },
      },
    },
  };
}

function converged(s: BerthService): boolean {
  const st = s.status;
  return (
    st?.readyReplicas === REPLICAS &&
    st.observedGeneration === s.metadata.generation &&
    st.conditions?.some((c) => c.type === "Available" && c.status === "True") === true
  );
}

async function main(): Promise<void> {
  tuneControllerHeap(); // as `berth controller` runs it
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_ROLE: "api" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const next = (): Promise<Record<string, unknown>> =>
    new Promise((resolve) => lines.once("line", (l) => resolve(JSON.parse(l) as Record<string, unknown>)));
  const { url } = (await next()) as { url: string };
  const controller = new Controller({
    kubeConfig: kubeConfig(url),
    workers: WORKERS,
    registry: new Registry(),
    log: pino({ level: process.env.BENCH_LOG_LEVEL ?? "error" }),
  });
  await controller.start();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  child.stdin?.write("create\n");
  const { createdIn } = (await next()) as { createdIn: number };
  const deadline = started + 300_000;
  let done = 0;
  while (performance.now() < deadline) {
    done = controller.caches.services.list().filter(converged).length;
    if (done === SERVICES) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - started) / 1000;

  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  clearInterval(sampler);
  const reconciles = controller.stats.service + controller.stats.replica;
  const maxRssMb = Math.max(peakRss / 2 ** 20, process.resourceUsage().maxRSS / 1024);
  const results = (await controller.metrics.reconcileTotal.get()).values
    .map((v) => `${v.labels.controller}/${v.labels.result}=${v.value}`)
    .join(" ");
  await controller.stop();
  child.stdin?.end();
  const { requests, cpuSeconds: apiCpuSeconds } = (await next()) as { requests: number; cpuSeconds: number };

  const out = [
    `berth controller: ${SERVICES} Services x ${REPLICAS} replicas, ${WORKERS} workers per queue, fake API in a separate process`,
    `  created in            ${createdIn.toFixed(2)} s`,
    `  converged             ${done}/${SERVICES} Services in ${seconds.toFixed(2)} s   (goal ${GOAL_SECONDS} s, ratio ${(seconds / GOAL_SECONDS).toFixed(2)})`,
    `  reconciles            ${reconciles} (${controller.stats.service} service, ${controller.stats.replica} replica), ${(reconciles / seconds).toFixed(0)}/s`,
    `  reconcile results     ${results}`,
    `  API requests          ${requests} (${(requests / seconds).toFixed(0)}/s)`,
    `  CPU time              controller ${cpuSeconds.toFixed(1)} s, fake API + kubelet + creating the Services ${apiCpuSeconds.toFixed(1)} s`,
    `  machine load (1 min)  ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs: convergence time is sensitive to it`,
    `  controller peak RSS   ${maxRssMb.toFixed(0)} MB   (goal ${GOAL_RSS_MB} MB, ratio ${(maxRssMb / GOAL_RSS_MB).toFixed(2)})`,
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  process.exitCode = done === SERVICES ? 0 : 1;
}

if (process.env.BENCH_ROLE === "api") await serveApi();
else await main();
