// What exec, attach and port-forward need from a connection, whichever protocol carries it
// (channel.k8s.io WebSocket or SPDY/3.1 streams): byte streams per channel with backpressure,
// terminal size events, the final status, and notice when the client goes away.
import { Readable } from "node:stream";
import type { KubeStatus } from "./status.js";

/** Bytes towards the client on one channel. */
export interface OutStream {
  /** Resolves when the connection can take more (immediately if it is gone: data is dropped). */
  write(data: Buffer): Promise<void>;
  /** Nothing more will be written (a half-close where the protocol has one). */
  end(): void;
}

export interface TerminalSize {
  rows: number;
  cols: number;
}

interface Connection {
  /** Resolves once the connection is gone, closed by either side. */
  readonly closed: Promise<void>;
  /** Closes the connection when nothing went through it for this long. */
  setIdleTimeout(ms: number): void;
}

/** One exec or attach session. */
export interface RemoteCommandChannels extends Connection {
  readonly kind: "remote-command";
  /** What the client types; null when it has no stdin channel. Ends when the client closes it. */
  readonly stdin: Readable | null;
  readonly stdout: OutStream | null;
  readonly stderr: OutStream | null;
  /** Calls `listener` for every size the client sends (and the last one sent before this call). */
  onResize(listener: (size: TerminalSize) => void): void;
  /** Reports how the command ended, encoded as the negotiated protocol version does. */
  writeStatus(status: KubeStatus): Promise<void>;
  /** Ends the session once what was written has been sent. */
  close(): void;
}

/** One forwarded TCP connection. */
export interface ForwardStream {
  readonly port: number;
  /** Bytes from the client; ends when the client half-closes. */
  readonly data: Readable;
  readonly out: OutStream;
  /** Reports a failure of this connection to the client; the session goes on. */
  error(message: string): Promise<void>;
  /** This connection is over. */
  close(): void;
}

/** One port-forward session: the client opens forwarded connections over it. */
export interface PortForwardSession extends Connection {
  readonly kind: "portforward";
  /** Calls `forward` for each connection the client opens, until the session ends. */
  accept(forward: (f: ForwardStream) => void): void;
  /** Ends the session; `reason` is logged or told to the client where the protocol can. */
  close(reason?: string): void;
}

export type StreamConnection = RemoteCommandChannels | PortForwardSession;

/** Pauses a shared source (a socket) while any of its channels has a full buffer. */
export class SourceGate {
  private readonly full = new Set<object>();
  constructor(
    private readonly pauseSource: () => void,
    private readonly resumeSource: () => void,
  ) {}
  pause(ch: object): void {
    if (this.full.size === 0) this.pauseSource();
    this.full.add(ch);
  }
  resume(ch: object): void {
    if (!this.full.delete(ch)) return;
    if (this.full.size === 0) this.resumeSource();
  }
}

/** A channel's bytes from the client, buffered up to a bound and then held back at the source. */
export class InboundChannel extends Readable {
  private held = false;

  constructor(private readonly gate: SourceGate) {
    super({ highWaterMark: 256 << 10 });
  }

  override _read(): void {
    if (this.held) {
      this.held = false;
      this.gate.resume(this);
    }
  }

  deliver(data: Buffer): void {
    if (this.destroyed || this.readableEnded || data.length === 0) return;
    if (!this.push(data)) {
      this.held = true;
      this.gate.pause(this);
    }
  }

  /** The client will send no more. */
  finish(): void {
    if (!this.destroyed && !this.readableEnded) this.push(null);
    this.release();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.release();
    cb(err);
  }

  private release(): void {
    if (this.held) {
      this.held = false;
      this.gate.resume(this);
    }
  }
}

/** Closes a connection after `ms` without traffic; `touch()` on every frame in or out. */
export class IdleTimer {
  private last = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly onIdle: () => void) {}

  touch(): void {
    this.last = Date.now();
  }

  set(ms: number): void {
    this.stop();
    this.timer = setInterval(
      () => {
        if (Date.now() - this.last >= ms) {
          this.stop();
          this.onIdle();
        }
      },
      Math.max(10, Math.min(ms, 30_000)),
    );
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/**
 * Splits a byte stream into consecutive JSON values, as Go's json.Decoder reads kubelet's resize
 * stream ({"Width":80,"Height":24} after each other, newline-separated or not).
 */
export class JsonSplitter {
  private buf = "";

  push(chunk: Buffer): unknown[] {
    this.buf += chunk.toString("utf8");
    const out: unknown[] = [];
    let depth = 0;
    let inString = false;
    let escaped = false;
    let start = -1;
    let consumed = 0;
    for (let i = 0; i < this.buf.length; i++) {
      const c = this.buf[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === "{" || c === "[") {
        if (depth === 0) start = i;
        depth++;
      } else if ((c === "}" || c === "]") && depth > 0) {
        depth--;
        if (depth === 0) {
          const text = this.buf.slice(start, i + 1);
          consumed = i + 1;
          try {
            out.push(JSON.parse(text));
          } catch {
            // A malformed value is skipped, like a decode error ends Go's loop for that value.
          }
        }
      } else if (depth === 0 && c !== undefined && !/\s/.test(c)) {
        consumed = i + 1; // junk between values
      }
    }
    this.buf = this.buf.slice(consumed);
    if (this.buf.length > 64 << 10) this.buf = "";
    return out;
  }
}

/** A terminal size from a resize message ({"Width":..,"Height":..}), if it is one. */
export function terminalSize(v: unknown): TerminalSize | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  const { Width, Height } = v as { Width?: unknown; Height?: unknown };
  if (typeof Width !== "number" || typeof Height !== "number" || Width <= 0 || Height <= 0) return undefined;
  return { rows: Math.min(Height, 0xffff), cols: Math.min(Width, 0xffff) };
}
