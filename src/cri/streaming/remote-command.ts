// Exec and attach over a channel.k8s.io WebSocket: stdio pumped with backpressure, resize events
// applied, the exit reported on the error channel, the process killed when the client goes away.
import type { Readable, Writable } from "node:stream";
import type { WebSocket } from "ws";
import type { Logger } from "../../log.js";
import {
  ChannelWriter,
  CLOSE,
  decodeMessage,
  ERROR,
  RESIZE,
  reportsStatus,
  STDERR,
  STDIN,
  STDOUT,
} from "./channels.js";
import { errorStatus, exitStatus } from "./status.js";

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

async function pump(src: Readable, channel: number, out: ChannelWriter): Promise<void> {
  for await (const chunk of src) await out.send(channel, chunk as Buffer);
}

export function serveRemoteCommand(p: {
  ws: WebSocket;
  protocol: string;
  proc: RemoteProcess;
  idleTimeoutMs: number;
  log: Logger;
}): Promise<void> {
  const { ws, protocol, proc, log } = p;
  let last = Date.now();
  const touch = () => {
    last = Date.now();
  };
  const out = new ChannelWriter(ws, protocol, touch);
  let finished = false;
  const idle = setInterval(
    () => {
      if (Date.now() - last > p.idleTimeoutMs) ws.close(1000, "idle timeout");
    },
    Math.min(p.idleTimeoutMs, 30_000),
  );
  idle.unref();

  ws.on("message", (raw: Buffer, isBinary: boolean) => {
    touch();
    const m = decodeMessage(protocol, raw, isBinary);
    if (!m) return;
    if (m.channel === STDIN && proc.stdin && !proc.stdin.writableEnded) {
      if (!proc.stdin.write(m.data)) {
        ws.pause();
        proc.stdin.once("drain", () => ws.resume());
      }
    } else if (m.channel === RESIZE) {
      try {
        const size = JSON.parse(m.data.toString("utf8")) as { Width?: number; Height?: number };
        if (size.Width && size.Height) proc.resize(size.Height, size.Width);
      } catch {
        log.debug("ignoring a malformed resize message");
      }
    } else if (m.channel === CLOSE && m.data[0] === STDIN) {
      proc.stdin?.end();
    }
  });
  ws.once("close", () => {
    out.release();
    if (!finished) proc.abort();
  });
  proc.stdin?.on("error", () => {});
  ws.resume();

  return (async () => {
    const pumps = [
      proc.stdout ? pump(proc.stdout, STDOUT, out) : Promise.resolve(),
      proc.stderr ? pump(proc.stderr, STDERR, out) : Promise.resolve(),
    ];
    let code: number | undefined;
    try {
      code = await proc.done;
      await Promise.allSettled(pumps);
    } catch (err) {
      log.warn({ err }, "remote command failed");
      await out.send(ERROR, Buffer.from(JSON.stringify(errorStatus(String(err)))));
    } finally {
      finished = true;
      clearInterval(idle);
    }
    if (code !== undefined) {
      const body = reportsStatus(protocol)
        ? JSON.stringify(exitStatus(code))
        : code === 0
          ? ""
          : `command terminated with non-zero exit code: ${code}`;
      if (body) await out.send(ERROR, Buffer.from(body));
    }
    ws.close(1000);
  })();
}
