// The server side of a SPDY/3.1 connection as moby/spdystream (client-go, kubectl) speaks it: the
// client opens streams with SYN_STREAM (odd ids, increasing), the server accepts each with an empty
// SYN_REPLY or refuses it with RST_STREAM, data frames carry bytes and FIN half-closes.
//
// Flow control: spdystream neither sends WINDOW_UPDATE nor honours it (it leaves those frames
// unhandled and relies on TCP). Honouring the 64 KiB initial send window would stall every
// stream after 64 KiB, so the send window is not enforced here either; memory stays bounded by
// waiting for the socket to drain (writes) and pausing the socket while a stream's reader lags
// (reads). WINDOW_UPDATE is still sent for received data so that a strict peer keeps sending.
import type { Duplex } from "node:stream";
import type { Logger } from "../../log.js";
import {
  dataFrame,
  encodeHeaderBlock,
  FrameParser,
  GoAwayStatus,
  goAwayFrame,
  MAX_FRAME_LENGTH,
  parseHeaderBlock,
  pingFrame,
  RstStatus,
  rstStreamFrame,
  type SpdyFrame,
  type SpdyHeaders,
  SpdyProtocolError,
  synReplyFrame,
  windowUpdateFrame,
} from "./spdy-frames.js";
import { HeaderCompressor, HeaderDecompressor } from "./spdy-zlib.js";
import { IdleTimer, InboundChannel, type OutStream, SourceGate } from "./transport.js";

/** Socket bytes queued beyond which writers wait for 'drain'. */
const HIGH_WATER = 1 << 20;
/** Received bytes on a stream after which a WINDOW_UPDATE goes back. */
const WINDOW_ACK = 32 << 10;
/** Frames parsed but not yet handled beyond which the socket is paused. */
const MAX_PENDING_FRAMES = 256;

export class SpdyStream implements OutStream {
  /** Bytes the client sends on this stream; ends on its FIN, destroyed on RST. */
  readonly incoming: InboundChannel;
  private localFin = false;
  private wasReset = false;
  private unacked = 0;

  constructor(
    private readonly conn: SpdyConnection,
    readonly id: number,
    readonly headers: SpdyHeaders,
    gate: SourceGate,
  ) {
    this.incoming = new InboundChannel(gate);
    this.incoming.on("error", () => {});
  }

  /** The first value of a header (names are case-insensitive). */
  header(name: string): string | undefined {
    return this.headers.get(name.toLowerCase())?.[0];
  }

  get open(): boolean {
    return !this.localFin && !this.wasReset && !this.conn.isClosed;
  }

  write(data: Buffer): Promise<void> {
    if (!this.open || data.length === 0) return Promise.resolve();
    let last = Promise.resolve();
    for (let off = 0; off < data.length; off += MAX_FRAME_LENGTH) {
      last = this.conn.send(dataFrame(this.id, data.subarray(off, off + MAX_FRAME_LENGTH), false));
    }
    return last;
  }

  /** Half-closes our side (an empty data frame with FIN). */
  end(): void {
    if (!this.open) return;
    this.localFin = true;
    void this.conn.send(dataFrame(this.id, Buffer.alloc(0), true));
    this.conn.forgetIfDone(this);
  }

  /** Aborts the stream both ways. */
  reset(status: number = RstStatus.Cancel): void {
    if (this.wasReset) return;
    this.wasReset = true;
    if (!this.conn.isClosed) void this.conn.send(rstStreamFrame(this.id, status));
    this.incoming.destroy();
    this.conn.forget(this);
  }

  /** @internal */
  received(data: Buffer, fin: boolean): void {
    if (this.wasReset) return;
    if (data.length > 0) {
      this.incoming.deliver(data);
      this.unacked += data.length;
      if (this.unacked >= WINDOW_ACK && !fin) {
        void this.conn.send(windowUpdateFrame(this.id, this.unacked));
        this.unacked = 0;
      }
    }
    if (fin) {
      this.incoming.finish();
      this.conn.forgetIfDone(this);
    }
  }

  /** @internal The peer reset the stream or the connection went away. */
  aborted(): void {
    this.wasReset = true;
    this.incoming.destroy();
  }

  /** @internal */
  get done(): boolean {
    return this.wasReset || (this.localFin && this.incoming.readableEnded);
  }
}

export interface SpdyConnectionOptions {
  log: Logger;
  /** Decides on each new stream: true accepts it (SYN_REPLY), false refuses it (RST_STREAM). */
  onStream: (stream: SpdyStream) => boolean;
  /** Bytes the HTTP parser read past the upgrade request. */
  head?: Buffer;
}

export class SpdyConnection {
  private readonly parser = new FrameParser();
  private readonly deflate = new HeaderCompressor();
  private readonly inflate = new HeaderDecompressor();
  private readonly streams = new Map<number, SpdyStream>();
  private readonly gate: SourceGate;
  private readonly idle: IdleTimer;
  private lastStreamId = 0;
  private readersFull = false;
  private goneAway = false;
  private closedFlag = false;
  private readonly pending: SpdyFrame[] = [];
  private processing = false;
  private readonly out: (Buffer | Promise<Buffer>)[] = [];
  private flushing = false;
  private queuedBytes = 0;
  private readonly drainWaiters: (() => void)[] = [];
  private resolveClosed!: () => void;
  readonly closed = new Promise<void>((r) => {
    this.resolveClosed = r;
  });

  constructor(
    private readonly socket: Duplex,
    private readonly opts: SpdyConnectionOptions,
  ) {
    this.gate = new SourceGate(
      () => this.holdReading(true),
      () => this.holdReading(false),
    );
    this.idle = new IdleTimer(() => {
      opts.log.debug("SPDY connection idle, closing");
      this.destroy();
    });
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("drain", () => this.releaseWriters());
    socket.on("error", (err) => {
      opts.log.debug({ err: err.message }, "SPDY connection error");
      this.destroy();
    });
    socket.on("end", () => this.destroy());
    socket.on("close", () => this.teardown());
    if (opts.head && opts.head.length > 0) this.onData(opts.head);
    socket.resume();
  }

  get isClosed(): boolean {
    return this.closedFlag;
  }

  setIdleTimeout(ms: number): void {
    this.idle.set(ms);
  }

  /**
   * Queues a frame; frames go out in call order even while a header block is being compressed.
   * Resolves when the socket can take more.
   */
  send(frame: Buffer | Promise<Buffer>): Promise<void> {
    if (this.closedFlag) return Promise.resolve();
    this.idle.touch();
    if (this.out.length === 0 && !this.flushing && frame instanceof Buffer) {
      this.socket.write(frame);
    } else {
      if (frame instanceof Buffer) this.queuedBytes += frame.length;
      this.out.push(frame);
      if (!this.flushing) void this.flush();
    }
    if (this.socket.writableLength + this.queuedBytes <= HIGH_WATER) return Promise.resolve();
    return new Promise((r) => this.drainWaiters.push(r));
  }

  /** Ends the connection after the queued frames, waiting up to `timeoutMs` for the peer to close. */
  finish(timeoutMs: number): void {
    if (this.closedFlag) return;
    const t = setTimeout(() => {
      void this.send(goAwayFrame(this.lastStreamId, GoAwayStatus.Ok)).then(() => this.destroy());
    }, timeoutMs);
    t.unref();
    void this.closed.then(() => clearTimeout(t));
  }

  /** Closes now: GOAWAY if possible, then the socket. */
  destroy(): void {
    if (this.closedFlag) return;
    if (!this.socket.destroyed && this.out.length === 0) {
      this.socket.write(goAwayFrame(this.lastStreamId, GoAwayStatus.Ok));
    }
    this.socket.destroy();
    this.teardown();
  }

  /** @internal */
  forget(s: SpdyStream): void {
    this.streams.delete(s.id);
  }

  /** @internal */
  forgetIfDone(s: SpdyStream): void {
    if (s.done) this.streams.delete(s.id);
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.out.length > 0) {
        const next = this.out[0] as Buffer | Promise<Buffer>;
        const frame = next instanceof Buffer ? next : await next;
        this.out.shift();
        if (next instanceof Buffer) this.queuedBytes -= next.length;
        if (this.closedFlag) return;
        this.socket.write(frame);
      }
    } catch (err) {
      this.fail(err);
    } finally {
      this.flushing = false;
      this.releaseWriters();
    }
  }

  private holdReading(readersFull: boolean): void {
    this.readersFull = readersFull;
    this.updateReading();
  }

  /** Reads from the socket unless a stream's reader lags or too many frames wait to be handled. */
  private updateReading(): void {
    if (this.closedFlag) return;
    if (this.readersFull || this.pending.length >= MAX_PENDING_FRAMES) this.socket.pause();
    else this.socket.resume();
  }

  private releaseWriters(): void {
    if (this.socket.writableLength + this.queuedBytes > HIGH_WATER && !this.closedFlag) return;
    for (const w of this.drainWaiters.splice(0)) w();
  }

  private onData(chunk: Buffer): void {
    if (this.closedFlag) return;
    this.idle.touch();
    try {
      for (const f of this.parser.push(chunk)) this.pending.push(f);
    } catch (err) {
      this.fail(err);
      return;
    }
    this.updateReading();
    if (!this.processing) void this.process();
  }

  /** Handles frames in arrival order; only header blocks make it wait (for zlib). */
  private async process(): Promise<void> {
    this.processing = true;
    try {
      while (this.pending.length > 0 && !this.closedFlag) {
        const f = this.pending.shift() as SpdyFrame;
        const wait = this.handle(f);
        if (wait) await wait;
      }
    } catch (err) {
      this.fail(err);
    } finally {
      this.processing = false;
      this.updateReading();
    }
  }

  private handle(f: SpdyFrame): Promise<void> | undefined {
    switch (f.type) {
      case "data": {
        // Data for a stream we do not know (never opened, reset, done) is dropped, as spdystream does.
        this.streams.get(f.streamId)?.received(f.data, f.fin);
        return undefined;
      }
      case "syn_stream":
        return this.inflate.decompress(f.block).then((raw) => this.openStream(f, parseHeaderBlock(raw)));
      case "syn_reply":
      case "headers":
        // Nothing to do with them here, but the shared zlib context must see every block.
        return this.inflate.decompress(f.block).then((raw) => void parseHeaderBlock(raw));
      case "rst_stream": {
        const s = this.streams.get(f.streamId);
        if (s) {
          this.streams.delete(s.id);
          s.aborted();
        }
        return undefined;
      }
      case "ping":
        // Server pings are even, the client's odd: echo the client's.
        if (f.id % 2 === 1) void this.send(pingFrame(f.id));
        return undefined;
      case "goaway":
        this.goneAway = true;
        return undefined;
      case "settings":
      case "window_update":
      case "unknown":
        return undefined;
    }
  }

  private openStream(f: Extract<SpdyFrame, { type: "syn_stream" }>, headers: SpdyHeaders): void {
    if (this.closedFlag) return;
    if (f.streamId % 2 === 0 || f.streamId <= this.lastStreamId) {
      void this.send(rstStreamFrame(f.streamId, RstStatus.ProtocolError));
      return;
    }
    this.lastStreamId = f.streamId;
    if (this.goneAway) return;
    const s = new SpdyStream(this, f.streamId, headers, this.gate);
    this.streams.set(s.id, s);
    if (f.fin || f.unidirectional) s.incoming.finish();
    let accepted = false;
    try {
      accepted = this.opts.onStream(s);
    } catch (err) {
      this.opts.log.warn({ err, streamId: s.id }, "SPDY stream handler failed");
    }
    if (!accepted) {
      s.reset(RstStatus.Cancel);
      return;
    }
    void this.send(this.deflate.compress(encodeHeaderBlock([])).then((b) => synReplyFrame(s.id, b)));
  }

  private fail(err: unknown): void {
    if (this.closedFlag) return;
    const protocol = err instanceof SpdyProtocolError;
    this.opts.log.debug({ err: String(err) }, "SPDY connection failed");
    const status = protocol ? GoAwayStatus.ProtocolError : GoAwayStatus.InternalError;
    this.teardown();
    // Tell the peer why, then cut the connection even if it never reads the GOAWAY.
    if (!this.socket.destroyed) this.socket.end(goAwayFrame(this.lastStreamId, status));
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  private teardown(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.idle.stop();
    this.pending.length = 0;
    this.out.length = 0;
    this.queuedBytes = 0;
    for (const s of this.streams.values()) s.aborted();
    this.streams.clear();
    this.deflate.close();
    this.inflate.close();
    for (const w of this.drainWaiters.splice(0)) w();
    this.resolveClosed();
  }
}
