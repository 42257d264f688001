// Every short-lived command berthd runs (the runtime, mount, CNI plugins, the monitor's foreground)
// goes through one long-lived helper, `berth-runtime spawner` (src/runtime/native/spawner.c), rather
// than a fork of Node.js each: forking this process copies the page tables of a large heap on the
// event loop thread and faults pages back in after; the helper is small, and runs berth-runtime's
// own short commands without an exec. Where the helper is not built (unit tests of a bare checkout),
// or BERTH_SPAWNER=off, commands are spawned from here as before.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import { InternalError } from "./errors.js";
import { childLogger } from "./log.js";
import { HELPER_BINARY } from "./version.js";

export interface CommandOptions {
  /** The whole environment of the command; process.env when absent. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Its stdin; /dev/null when absent. */
  input?: string;
  /** Past this the command's process group is SIGKILLed and the result says timedOut. */
  timeoutMs: number;
}

export interface CommandResult {
  /** The exit status, or 128 + the signal's number. */
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const SIGNAL_NAMES = new Map<number, NodeJS.Signals>(
  Object.entries(constants.signals).map(([name, n]) => [n, name as NodeJS.Signals]),
);
const ERRNO_NAMES = new Map<number, string>(Object.entries(constants.errno).map(([name, n]) => [n, name]));

/** What spawn(2) failures look like from Node.js: an Error with the errno's code. */
function spawnError(file: string, errno: number): NodeJS.ErrnoException {
  const code = ERRNO_NAMES.get(errno) ?? `E${errno}`;
  return Object.assign(new Error(`spawn ${file} ${code}`), { code, errno: -errno, path: file });
}

function frame(payload: object): Buffer {
  const body = Buffer.from(JSON.stringify(payload));
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

interface Pending {
  file: string;
  resolve(r: CommandResult): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

class Spawner {
  private child: ChildProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private buf: Buffer = Buffer.alloc(0);
  private readonly log = childLogger("spawner");

  constructor(private readonly binary: string) {}

  run(argv: readonly string[], opts: CommandOptions): Promise<CommandResult> {
    const child = this.child ?? this.start();
    const id = this.nextId++;
    const file = argv[0] ?? "";
    const env = Object.entries(opts.env ?? process.env)
      .filter((e): e is [string, string] => e[1] !== undefined)
      .map(([k, v]) => `${k}=${v}`);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(id);
        child.stdin?.write(frame({ kill: id }));
        resolve({ code: 137, signal: "SIGKILL", stdout: "", stderr: "", timedOut: true });
      }, opts.timeoutMs);
      this.pending.set(id, { file, resolve, reject, timer });
      this.refIfBusy();
      child.stdin?.write(
        frame({
          id,
          argv,
          env,
          ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
          ...(opts.input !== undefined ? { stdin: opts.input } : {}),
        }),
      );
    });
  }

  private start(): ChildProcess {
    const child = spawn(this.binary, ["spawner"], { stdio: ["pipe", "pipe", "inherit"] });
    this.child = child;
    this.buf = Buffer.alloc(0);
    child.stdout?.on("data", (chunk: Buffer) => this.onData(chunk));
    // A write after the helper died fails EPIPE; "exit" below fails what was asked.
    child.stdin?.on("error", () => {});
    const gone = (why: string) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.log.error(
        { why, pending: this.pending.size },
        "the spawner helper ended; it starts again on the next command",
      );
      for (const id of [...this.pending.keys()]) {
        const p = this.settle(id);
        p?.reject(new InternalError(`running ${p.file}: the spawner helper ended (${why})`));
      }
    };
    child.once("error", (err) => gone(err.message));
    child.once("exit", (code, signal) => gone(signal ? `signal ${signal}` : `exit ${code}`));
    child.unref();
    this.refIfBusy();
    return child;
  }

  /** Keeps Node.js alive only while a command is running. */
  private refIfBusy(): void {
    const streams = [this.child?.stdin, this.child?.stdout] as { ref?(): void; unref?(): void }[];
    for (const s of streams) this.pending.size > 0 ? s?.ref?.() : s?.unref?.();
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    if (!p) return undefined;
    clearTimeout(p.timer);
    this.pending.delete(id);
    this.refIfBusy();
    return p;
  }

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    while (this.buf.length >= 4 && this.buf.length >= 4 + this.buf.readUInt32BE(0)) {
      const f = this.buf.subarray(4, 4 + this.buf.readUInt32BE(0));
      this.buf = this.buf.subarray(4 + f.length);
      const id = f.readUInt32BE(0);
      const kind = f.readUInt8(4);
      const value = f.readInt32BE(5);
      const outLen = f.readUInt32BE(9);
      const p = this.settle(id);
      if (!p) continue; // timed out before
      if (kind === 2) {
        p.reject(spawnError(p.file, value));
        continue;
      }
      const signal = kind === 1 ? (SIGNAL_NAMES.get(value) ?? null) : null;
      p.resolve({
        code: kind === 1 ? 128 + value : value,
        signal,
        stdout: f.subarray(13, 13 + outLen).toString("utf8"),
        stderr: f.subarray(13 + outLen).toString("utf8"),
        timedOut: false,
      });
    }
  }
}

/** The same from a fork of this process: where the helper is not there. */
function runHere(argv: readonly string[], opts: CommandOptions): Promise<CommandResult> {
  const [file = "", ...args] = argv;
  return new Promise((resolve, reject) => {
    // Its own process group, so that a timeout also kills whatever the command started.
    const child = spawn(file, args, {
      env: opts.env ?? process.env,
      ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
      stdio: [opts.input !== undefined ? "pipe" : "ignore", "pipe", "pipe"],
      detached: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
      // Not waiting for "close": a grandchild may hold the pipes open.
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({ code: 137, signal: "SIGKILL", stdout: "", stderr: "", timedOut: true });
    }, opts.timeoutMs);
    child.stdout?.on("data", (b: Buffer) => out.push(b));
    child.stderr?.on("data", (b: Buffer) => err.push(b));
    // A child that exits without reading its stdin makes the write fail with EPIPE; that is its choice.
    child.stdin?.on("error", () => {});
    child.on("error", (e) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      resolve({
        code: code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0),
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        timedOut: false,
      });
    });
    child.stdin?.end(opts.input);
  });
}

let spawner: Spawner | null | undefined;

/**
 * Runs `argv` (never through a shell) to its exit and returns its status and output; a non-zero
 * exit is returned, not thrown. Rejects when the command cannot be started (an Error with the
 * errno's code, as from child_process) or the helper died under it.
 */
export function runCommand(argv: readonly string[], opts: CommandOptions): Promise<CommandResult> {
  if (argv.length === 0) return Promise.reject(new InternalError("run: empty argv"));
  if (spawner === undefined)
    spawner =
      process.env.BERTH_SPAWNER !== "off" && existsSync(HELPER_BINARY) ? new Spawner(HELPER_BINARY) : null;
  return spawner ? spawner.run(argv, opts) : runHere(argv, opts);
}
