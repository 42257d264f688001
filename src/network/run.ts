// The network module's command runner (see src/spawner.ts): argv (never a shell), optional stdin, a
// hard timeout that SIGKILLs the command's process group, and the whole of stdout/stderr captured.
import { DeadlineExceededError, errorMessage, InternalError } from "../errors.js";
import { type CommandResult, runCommand } from "../spawner.js";

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
export async function run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const file = argv[0];
  if (!file) throw new InternalError("run: empty argv");
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let r: CommandResult;
  try {
    r = await runCommand(argv, {
      ...(opts.env ? { env: opts.env } : {}),
      input: opts.input ?? "",
      timeoutMs,
    });
  } catch (e) {
    throw new InternalError(`cannot run ${file}: ${errorMessage(e)}`, { cause: e });
  }
  if (r.timedOut) throw new DeadlineExceededError(`${file} did not finish within ${timeoutMs} ms (killed)`);
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
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
