// Exec and attach over any transport: stdio pumped with backpressure, resize events applied, the
// exit reported as a Status, the process killed when the client goes away before the end.
import type { Readable, Writable } from "node:stream";
import { errorMessage } from "../../errors.js";
import type { Logger } from "../../log.js";
import { errorStatus, exitStatus } from "./status.js";
import type { OutStream, RemoteCommandChannels } from "./transport.js";

/** What a remote command needs from an exec or an attach. */
export interface RemoteProcess {
  stdin: Writable | null;
  stdout: Readable | null;
  stderr: Readable | null;
  resize(rows: number, cols: number): void;
  /** Exit code, or undefined when it ended without one (attach detached). */
  done: Promise<number | undefined>;
  /** The client went away before the end. */
  abort(): void;
}

async function pump(src: Readable, out: OutStream): Promise<void> {
  for await (const chunk of src) await out.write(chunk as Buffer);
}

/** Output the client has no channel for is drained, so the process never blocks writing it. */
function connect(src: Readable | null, out: OutStream | null): Promise<void> {
  if (!src) return Promise.resolve();
  if (!out) {
    src.resume();
    return Promise.resolve();
  }
  return pump(src, out);
}

export async function serveRemoteCommand(p: {
  ch: RemoteCommandChannels;
  proc: RemoteProcess;
  log: Logger;
}): Promise<void> {
  const { ch, proc, log } = p;
  let finished = false;
  void ch.closed.then(() => {
    if (!finished) proc.abort();
  });
  if (proc.stdin) {
    proc.stdin.on("error", () => {});
    if (ch.stdin) ch.stdin.pipe(proc.stdin);
    else proc.stdin.end();
  } else {
    // Input nobody asked for is dropped; left buffered it would stall the whole connection.
    ch.stdin?.resume();
  }
  ch.onResize((s) => proc.resize(s.rows, s.cols));
  const pumps = [connect(proc.stdout, ch.stdout), connect(proc.stderr, ch.stderr)];
  let code: number | undefined;
  let failure: string | undefined;
  try {
    code = await proc.done;
    await Promise.allSettled(pumps);
  } catch (err) {
    log.warn({ err: errorMessage(err) }, "remote command failed");
    failure = `error executing command in container: ${errorMessage(err)}`;
  } finally {
    finished = true;
  }
  if (failure !== undefined) await ch.writeStatus(errorStatus(failure));
  else if (code !== undefined) await ch.writeStatus(exitStatus(code));
  ch.close();
}
