// `exec`: a new process inside a running container, run by the OCI runtime in the foreground so
// that its exit code is the process's own. Output goes through pipes; with a terminal, `script`
// gives the runtime a pty as its stdio (runc's foreground mode needs one; Node can neither open a
// pty nor receive a master over a console socket), and resizing sets the window size of that pty:
// the kernel signals SIGWINCH to the runtime, which copies the size onto the container's pty.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile, readlink, rm, writeFile } from "node:fs/promises";
import { constants } from "node:os";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { InvalidArgumentError } from "../errors.js";
import { run } from "./exec-file.js";
import type { OciProcess, OciSpec } from "./oci.js";

export interface ExecOptions {
  args: string[];
  /** Added to (and overriding by name) the container's environment. */
  env?: string[];
  cwd?: string;
  user?: { uid: number; gid: number; additionalGids?: number[] };
  tty?: boolean;
  /** Keep stdin open as a pipe (otherwise the process reads EOF). */
  stdin?: boolean;
}

export interface ExecHandle {
  /** Host pid of the process inside the container, once known. */
  pid(): Promise<number | undefined>;
  stdin: Writable | null;
  stdout: Readable;
  /** With a terminal, stderr is merged into stdout and this stream stays empty. */
  stderr: Readable;
  /** The exit code of the process (128+signal when killed). */
  wait(): Promise<number>;
  /** Signals the process; with SIGKILL (the default) it resolves once the runtime has reaped it. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  resize(rows: number, cols: number): Promise<void>;
}

/** The process.json for exec: the container's own process with the caller's overrides. */
export function execProcess(config: OciSpec, opts: ExecOptions): OciProcess {
  if (opts.args.length === 0 || opts.args[0] === "") throw new InvalidArgumentError("exec needs a command");
  const env = new Map<string, string>();
  for (const e of [...config.process.env, ...(opts.env ?? [])]) {
    const i = e.indexOf("=");
    if (i <= 0) throw new InvalidArgumentError(`environment entry "${e}" has no "="`);
    env.set(e.slice(0, i), e);
  }
  if (opts.tty && !env.has("TERM")) env.set("TERM", "TERM=xterm");
  const proc: OciProcess = {
    ...config.process,
    terminal: opts.tty === true,
    args: [...opts.args],
    env: [...env.values()],
    cwd: opts.cwd ?? config.process.cwd,
    user: opts.user ? { ...opts.user } : config.process.user,
  };
  return proc;
}

/** How long kill() waits for the pid file, then for the runtime to reap the killed process. */
const KILL_GRACE_MS = 5_000;

/** Quotes one argument for /bin/sh. */
const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export async function startExec(params: {
  runtime: string;
  runtimeRoot: string;
  id: string;
  dir: string;
  config: OciSpec;
  opts: ExecOptions;
}): Promise<ExecHandle> {
  const { runtime, runtimeRoot, id, dir, config, opts } = params;
  const tag = randomBytes(6).toString("hex");
  const processFile = join(dir, `exec-${tag}.json`);
  const pidFile = join(dir, `exec-${tag}.pid`);
  await writeFile(processFile, JSON.stringify(execProcess(config, opts)), { mode: 0o600 });
  const argv = ["--root", runtimeRoot, "exec", "--process", processFile, "--pid-file", pidFile, id];
  const child = opts.tty
    ? spawn("script", ["-qfec", [runtime, ...argv].map(shQuote).join(" "), "/dev/null"], {
        stdio: ["pipe", "pipe", "pipe"],
      })
    : spawn(runtime, argv, { stdio: [opts.stdin ? "pipe" : "ignore", "pipe", "pipe"] });
  const exited = new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve(code ?? 128 + (signal ? signalNumber(signal) : 0)));
  }).finally(async () => {
    await rm(processFile, { force: true });
    await rm(pidFile, { force: true });
  });
  const pid = async (): Promise<number | undefined> => {
    try {
      const n = Number((await readFile(pidFile, "utf8")).trim());
      return Number.isInteger(n) && n > 0 ? n : undefined;
    } catch {
      return undefined;
    }
  };
  let over = false;
  const markOver = () => {
    over = true;
  };
  exited.then(markOver, markOver);
  let size: { rows: number; cols: number } | undefined;
  let sizeWaiter: Promise<void> | undefined;
  // The runtime runs with script's pty as its stdin; setting that pty's size makes the kernel send
  // SIGWINCH to the runtime, which copies the size onto the container's pty.
  const applySize = async (): Promise<void> => {
    const runtimePid = child.pid === undefined ? undefined : await childPid(child.pid);
    if (!size || runtimePid === undefined) return;
    const tty = await readlink(`/proc/${runtimePid}/fd/0`).catch(() => undefined);
    if (tty?.startsWith("/dev/pts/"))
      await run("stty", ["-F", tty, "rows", `${size.rows}`, "cols", `${size.cols}`]);
  };
  return {
    pid,
    stdin: child.stdin,
    stdout: child.stdout!,
    stderr: child.stderr!,
    wait: () => exited,
    async kill(signal = "SIGKILL") {
      // The runtime is the process's parent and reaps it, so the signal goes to the process and the
      // runtime is left to exit on its own. Killing the runtime first orphans the process to the
      // host's init, outside the container's PID namespace: it keeps running, or lingers there as a
      // zombie that the container still sees. The pid file appears once the process is set up.
      const until = Date.now() + KILL_GRACE_MS;
      let p = await pid();
      while (p === undefined && !over && Date.now() < until) {
        await sleep(25);
        p = await pid();
      }
      if (p !== undefined && !over) {
        try {
          process.kill(p, signal);
        } catch {
          // Already exited.
        }
      }
      if (signal !== "SIGKILL") return;
      // Last resort, for a runtime that never set the process up or does not exit after it died.
      await Promise.race([exited.catch(() => {}), sleep(Math.max(0, until - Date.now()) + KILL_GRACE_MS)]);
      if (!over) child.kill("SIGKILL");
    },
    async resize(rows, cols) {
      if (!opts.tty) return;
      size = { rows, cols };
      if ((await pid()) !== undefined) return applySize();
      // A size sent before the runtime has set the process up (kubectl sends the first one at once)
      // would be lost: the latest one is applied once the process is there.
      if (sizeWaiter) return;
      sizeWaiter = (async () => {
        const until = Date.now() + 10_000;
        while (!over && Date.now() < until && (await pid()) === undefined) await sleep(25);
        if (!over) await applySize();
      })().catch(() => {});
    },
  };
}

async function childPid(parent: number): Promise<number | undefined> {
  try {
    const children = (await readFile(`/proc/${parent}/task/${parent}/children`, "utf8")).trim().split(/\s+/);
    const n = Number(children[0]);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

function signalNumber(signal: NodeJS.Signals): number {
  return constants.signals[signal] ?? 0;
}
