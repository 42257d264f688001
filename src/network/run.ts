// A small child-process runner for the network module: argv (never a shell), optional stdin, a hard
// timeout that SIGKILLs the child, and the whole of stdout/stderr captured.
import { spawn } from "node:child_process";
import { DeadlineExceededError, errorMessage, InternalError } from "../errors.js";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Runs `argv` to completion; a non-zero exit is returned, not thrown (callers word the error). */
export function run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const [file, ...args] = argv;
  if (!file) throw new InternalError("run: empty argv");
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    // Its own process group, so that a timeout also kills whatever the command started.
    const child = spawn(file, args, {
      env: opts.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
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
      child.stdout.destroy();
      child.stderr.destroy();
      reject(new DeadlineExceededError(`${file} did not finish within ${timeoutMs} ms (killed)`));
    }, timeoutMs);
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    // A child that exits without reading its stdin makes the write fail with EPIPE; that is its choice.
    child.stdin.on("error", () => {});
    child.on("error", (e) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      reject(new InternalError(`cannot run ${file}: ${errorMessage(e)}`, { cause: e }));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
    child.stdin.end(opts.input ?? "");
  });
}

/** Runs `argv` and throws an InternalError naming `what` when it exits non-zero. */
export async function runOk(
  what: string,
  argv: readonly string[],
  opts: RunOptions = {},
): Promise<RunResult> {
  const r = await run(argv, opts);
  if (r.code !== 0) {
    const detail = (r.stderr || r.stdout).trim() || `exit code ${r.code}`;
    throw new InternalError(`${what}: ${argv.join(" ")}: ${detail}`);
  }
  return r;
}
