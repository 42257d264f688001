// Starts a real berthd process on a socket in a temporary folder, for integration tests.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { mountsUnder } from "./mounts.js";

export const CLI = resolve(import.meta.dirname, "../../dist/src/cli.js");

export interface Berthd {
  proc: ChildProcess;
  dir: string;
  socket: string;
  root: string;
  state: string;
  metricsAddress: string;
  /** JSON log lines printed so far. */
  logs: Record<string, unknown>[];
  stderr: () => string;
  /** SIGTERM and wait; returns the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Removes the temporary folder (after stop). */
  cleanup(): Promise<void>;
}

export interface BerthdOptions {
  dir?: string;
  extraArgs?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Unmounts whatever is still mounted under `dir` (namespace pins, rootfs), deepest first, then removes it. */
export async function removeTree(dir: string): Promise<void> {
  const mounts = (await mountsUnder(dir))
    .filter((p) => p === dir || p.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) spawnSync("umount", ["--lazy", m]);
  await rm(dir, { recursive: true, force: true });
}

/** Spawns `berth daemon` and resolves once it serves (its "berthd serving" log line). */
export async function startBerthd(opts: BerthdOptions = {}): Promise<Berthd> {
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), "berthd-")));
  const socket = join(dir, "run", "berth.sock");
  const root = join(dir, "lib");
  const state = join(dir, "run");
  const args = [
    CLI,
    "daemon",
    "--root",
    root,
    "--state",
    state,
    "--socket",
    socket,
    "--metrics-address",
    "127.0.0.1:0",
    "--log-level",
    "debug",
    ...(opts.extraArgs ?? []),
  ];
  const proc = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...opts.env },
  });
  const logs: Record<string, unknown>[] = [];
  let err = "";
  proc.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((res) => proc.once("exit", (code) => res(code)));
  const serving = new Promise<string>((res, rej) => {
    const rl = createInterface({ input: proc.stdout! });
    rl.on("line", (line) => {
      try {
        const rec = JSON.parse(line) as Record<string, unknown>;
        logs.push(rec);
        if (rec.msg === "berthd serving") res(String(rec.metrics ?? ""));
      } catch {
        // not JSON
      }
    });
    void exited.then((code) => rej(new Error(`berthd exited with ${code} before serving: ${err}`)));
  });
  const metricsAddress = await serving;
  return {
    proc,
    dir,
    socket,
    root,
    state,
    metricsAddress,
    logs,
    stderr: () => err,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
      proc.kill(signal);
      return exited;
    },
    async cleanup() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill("SIGKILL");
        await exited;
      }
      if (!opts.dir) await removeTree(dir);
    },
  };
}
