// Running short-lived host commands (mount, umount, the OCI runtime) with captured output.
import { runCommand } from "../spawner.js";

export interface RunResult {
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  input?: string;
  timeoutMs?: number;
}

/** Runs `file args` to completion; never throws for a non-zero exit (callers decide what it means). */
export async function run(file: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const { code, signal, stdout, stderr } = await runCommand([file, ...args], {
    ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
    ...(opts.input !== undefined ? { input: opts.input } : {}),
    timeoutMs: opts.timeoutMs ?? 60_000,
  });
  return { code, signal, stdout, stderr };
}
