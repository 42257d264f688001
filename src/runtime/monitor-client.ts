// Client side of the monitor's control socket (see src/runtime/native/README.md): one command
// line per connection; `attach` then switches the connection to typed frames.
import { closeSync, constants, openSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { basename, dirname } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { FailedPreconditionError, InternalError, UnavailableError } from "../errors.js";

export interface ExitInfo {
  pid?: number;
  exitCode: number;
  signal: number;
  oomKilled: boolean;
  finishedAt: string;
}

export const FRAME_STDIN = 0;
export const FRAME_STDOUT = 1;
export const FRAME_STDERR = 2;
export const FRAME_EXIT = 3;
export const FRAME_CLOSE_STDIN = 4;
export const FRAME_RESIZE = 5;

export function encodeFrame(type: number, payload: Uint8Array = new Uint8Array()): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt8(type, 0);
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

/** Splits a byte stream into frames; keeps a partial frame until the rest arrives. */
export class FrameDecoder {
  private buf: Buffer = Buffer.alloc(0);
  push(chunk: Buffer): { type: number; payload: Buffer }[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: { type: number; payload: Buffer }[] = [];
    while (this.buf.length >= 5) {
      const len = this.buf.readUInt32BE(1);
      if (this.buf.length < 5 + len) break;
      out.push({ type: this.buf.readUInt8(0), payload: this.buf.subarray(5, 5 + len) });
      this.buf = this.buf.subarray(5 + len);
    }
    return out;
  }
}

/**
 * A unix socket connection; sun_path holds 107 bytes, so a longer path (a deep state root) is
 * reached through a descriptor of its folder, as the monitor binds it. connect(2) resolves the path
 * within net.connect, so the descriptor can go right after.
 */
function connectUnix(path: string): Socket {
  if (Buffer.byteLength(path) <= 107) return connect(path);
  const fd = openSync(dirname(path), constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    return connect(`/proc/self/fd/${fd}/${basename(path)}`);
  } finally {
    closeSync(fd);
  }
}

function open(
  socketPath: string,
  command: string,
  timeoutMs = 30_000,
): Promise<{ sock: Socket; rest: Buffer; reply: string }> {
  return new Promise((resolve, reject) => {
    const sock = connectUnix(socketPath);
    let buf: Buffer = Buffer.alloc(0);
    const fail = (err: Error) => {
      sock.destroy();
      const code = (err as NodeJS.ErrnoException).code;
      // The monitor removes its socket as it exits, right after its container: a caller that asks
      // for a container that has just ended meets a precondition, not an outage. One that asked
      // while it was exiting sees the connection reset or closed before the answer.
      if (
        code === "ENOENT" ||
        code === "ECONNREFUSED" ||
        code === "ECONNRESET" ||
        code === "EPIPE" ||
        code === "CLOSED"
      )
        reject(
          new FailedPreconditionError(`the container's monitor is gone (the container has exited)`, {
            cause: err,
          }),
        );
      else
        reject(
          new UnavailableError(`monitor control socket "${socketPath}": ${err.message}`, { cause: err }),
        );
    };
    sock.setTimeout(timeoutMs, () =>
      fail(Object.assign(new Error(`no answer to "${command}" in ${timeoutMs} ms`), { code: "ETIMEDOUT" })),
    );
    sock.once("error", fail);
    sock.once("connect", () => sock.write(`${command}\n`));
    const onData = (b: Buffer) => {
      buf = Buffer.concat([buf, b]);
      const nl = buf.indexOf(0x0a);
      if (nl < 0) return;
      sock.off("data", onData);
      sock.off("error", fail);
      sock.setTimeout(0);
      sock.pause();
      resolve({ sock, reply: buf.subarray(0, nl).toString("utf8"), rest: buf.subarray(nl + 1) });
    };
    sock.on("data", onData);
    sock.once("end", () =>
      fail(Object.assign(new Error(`closed before answering "${command}"`), { code: "CLOSED" })),
    );
  });
}

/** A command of the control socket (src/runtime/native/README.md). */
export type ControlCommand = "reopen" | "state" | "start" | `kill ${string}`;

/**
 * Sends one command and returns the one-line answer. A monitor silent for `timeoutMs` fails the
 * call UNAVAILABLE (the command may still finish there).
 */
export async function controlRequest(
  socketPath: string,
  command: ControlCommand,
  timeoutMs = 30_000,
): Promise<string> {
  const { sock, reply } = await open(socketPath, command, timeoutMs);
  sock.destroy();
  return reply;
}

export interface AttachStreams {
  stdout: PassThrough;
  stderr: PassThrough;
  /** Container stdin (frames of type 0); ending it sends "close stdin". */
  stdin: Writable;
  resize(rows: number, cols: number): void;
  /** Resolves when the monitor reports the container's exit, or undefined when detached first. */
  exit: Promise<ExitInfo | undefined>;
  detach(): void;
}

/** Attaches to the container's stdio through its monitor. */
export async function attachMonitor(socketPath: string): Promise<AttachStreams> {
  const { sock, reply, rest } = await open(socketPath, "attach");
  if (reply !== "ok") {
    sock.destroy();
    throw new InternalError(`monitor refused attach: ${reply}`);
  }
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const decoder = new FrameDecoder();
  let resolveExit!: (e: ExitInfo | undefined) => void;
  const exit = new Promise<ExitInfo | undefined>((r) => {
    resolveExit = r;
  });
  const onFrames = (b: Buffer) => {
    for (const f of decoder.push(b)) {
      if (f.type === FRAME_STDOUT) stdout.write(f.payload);
      else if (f.type === FRAME_STDERR) stderr.write(f.payload);
      else if (f.type === FRAME_EXIT) resolveExit(JSON.parse(f.payload.toString("utf8")) as ExitInfo);
    }
  };
  if (rest.length > 0) onFrames(rest);
  sock.on("data", onFrames);
  sock.on("error", () => sock.destroy());
  sock.on("close", () => {
    stdout.end();
    stderr.end();
    resolveExit(undefined);
  });
  sock.resume();
  const stdin = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (sock.destroyed) return cb();
      sock.write(encodeFrame(FRAME_STDIN, chunk), () => cb());
    },
    final(cb) {
      if (!sock.destroyed) sock.write(encodeFrame(FRAME_CLOSE_STDIN));
      cb();
    },
  });
  return {
    stdout,
    stderr,
    stdin,
    exit,
    resize(rows, cols) {
      const p = Buffer.alloc(4);
      p.writeUInt16BE(rows, 0);
      p.writeUInt16BE(cols, 2);
      if (!sock.destroyed) sock.write(encodeFrame(FRAME_RESIZE, p));
    },
    detach() {
      sock.end();
    },
  };
}
