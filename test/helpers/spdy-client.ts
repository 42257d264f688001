// A SPDY/3.1 client as client-go uses one (k8s.io/apimachinery httpstream/spdy over
// moby/spdystream), with its own framing so that tests check the server's bytes independently:
// HTTP upgrade with X-Stream-Protocol-Version, odd stream ids, SYN_STREAM with zlib-compressed
// headers (one context per direction, Z_SYNC_FLUSH), wait for SYN_REPLY, data frames with FIN.
import { request } from "node:http";
import type { Socket } from "node:net";
import { constants, createDeflate, createInflate, type Deflate, type Inflate } from "node:zlib";
import { SPDY3_DICTIONARY } from "../../src/cri/streaming/spdy-zlib.js";

export class HttpUpgradeError extends Error {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string | string[] | undefined>,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body.trim()}`);
  }
}

/** Runs zlib over one header block at a time, in order, on a context that lives as long as the connection. */
class Zctx {
  private chain: Promise<unknown> = Promise.resolve();
  private out: Buffer[] = [];
  constructor(private readonly z: Deflate | Inflate) {
    z.on("data", (b: Buffer) => this.out.push(b));
    z.on("error", () => {});
  }
  run(input: Buffer): Promise<Buffer> {
    const p = this.chain.then(
      () =>
        new Promise<Buffer>((resolve, reject) => {
          this.out = [];
          this.z.write(input, (err) => {
            if (err) return reject(err);
            while (this.z.read() !== null) {}
            resolve(Buffer.concat(this.out));
          });
        }),
    );
    this.chain = p.catch(() => {});
    return p;
  }
  close(): void {
    this.z.destroy();
  }
}

function u32(...v: number[]): Buffer {
  const b = Buffer.alloc(4 * v.length);
  v.forEach((x, i) => {
    b.writeUInt32BE(x >>> 0, 4 * i);
  });
  return b;
}

function ctrl(type: number, flags: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(0x8003, 0);
  h.writeUInt16BE(type, 2);
  h.writeUInt32BE(((flags << 24) | payload.length) >>> 0, 4);
  return Buffer.concat([h, payload]);
}

export function dataFrameBytes(id: number, data: Buffer, fin: boolean): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(id, 0);
  h.writeUInt32BE((((fin ? 1 : 0) << 24) | data.length) >>> 0, 4);
  return Buffer.concat([h, data]);
}

function headerBlock(headers: Record<string, string>): Buffer {
  const parts = [u32(Object.keys(headers).length)];
  for (const [k, v] of Object.entries(headers)) {
    const kb = Buffer.from(k.toLowerCase());
    const vb = Buffer.from(v);
    parts.push(u32(kb.length), kb, u32(vb.length), vb);
  }
  return Buffer.concat(parts);
}

function parseBlock(b: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let off = 4;
  for (let i = 0; i < b.readUInt32BE(0); i++) {
    const kl = b.readUInt32BE(off);
    const k = b.toString("utf8", off + 4, off + 4 + kl);
    off += 4 + kl;
    const vl = b.readUInt32BE(off);
    out[k] = b.toString("utf8", off + 4, off + 4 + vl);
    off += 4 + vl;
  }
  return out;
}

export class ClientStream {
  readonly chunks: Buffer[] = [];
  /** The server sent FIN (true) or RST_STREAM (its status). */
  finished = false;
  resetStatus: number | undefined;
  private resolveEnded!: () => void;
  readonly ended = new Promise<void>((r) => {
    this.resolveEnded = r;
  });
  private dataListeners: ((b: Buffer) => void)[] = [];

  constructor(
    private readonly client: SpdyClient,
    readonly id: number,
  ) {}

  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }

  onData(l: (b: Buffer) => void): void {
    this.dataListeners.push(l);
  }

  write(data: string | Buffer): void {
    this.client.writeRaw(dataFrameBytes(this.id, Buffer.from(data), false));
  }

  /** Half-closes our side, as spdystream's Stream.Close does. */
  end(): void {
    this.client.writeRaw(dataFrameBytes(this.id, Buffer.alloc(0), true));
  }

  /** @internal */
  received(data: Buffer, fin: boolean): void {
    if (data.length > 0) {
      this.chunks.push(data);
      for (const l of this.dataListeners) l(data);
    }
    if (fin) {
      this.finished = true;
      this.resolveEnded();
    }
  }

  /** @internal */
  wasReset(status: number): void {
    this.resetStatus = status;
    this.resolveEnded();
  }
}

export class SpdyClient {
  private readonly deflate = new Zctx(
    createDeflate({ dictionary: SPDY3_DICTIONARY, flush: constants.Z_SYNC_FLUSH, level: 9 }),
  );
  private readonly inflate = new Zctx(
    createInflate({ dictionary: SPDY3_DICTIONARY, flush: constants.Z_SYNC_FLUSH }),
  );
  private nextId = 1;
  private buf: Buffer = Buffer.alloc(0);
  private readonly streams = new Map<number, ClientStream>();
  private readonly replies = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private inChain: Promise<unknown> = Promise.resolve();
  private sendChain: Promise<unknown> = Promise.resolve();
  readonly pings: number[] = [];
  goAway: { lastGoodStreamId: number; status: number } | undefined;
  readonly closed: Promise<void>;

  private constructor(
    readonly socket: Socket,
    readonly protocol: string | undefined,
    head: Buffer,
  ) {
    this.closed = new Promise((r) => socket.once("close", () => r()));
    socket.on("error", () => {});
    socket.on("data", (b: Buffer) => this.onData(b));
    void this.closed.then(() => {
      for (const s of this.streams.values()) s.wasReset(0);
      for (const r of this.replies.values()) r.reject(new Error("connection closed"));
      this.deflate.close();
      this.inflate.close();
    });
    if (head.length > 0) this.onData(head);
  }

  /** POSTs the upgrade like client-go (one X-Stream-Protocol-Version line per protocol). */
  static connect(
    url: string,
    protocols: string[],
    extraHeaders: Record<string, string> = {},
  ): Promise<SpdyClient> {
    return new Promise((resolve, reject) => {
      const req = request(url, {
        method: "POST",
        headers: {
          Connection: "Upgrade",
          Upgrade: "SPDY/3.1",
          ...(protocols.length > 0 ? { "X-Stream-Protocol-Version": protocols } : {}),
          ...extraHeaders,
        },
      });
      req.on("upgrade", (res, socket, head) => {
        const p = res.headers["x-stream-protocol-version"];
        resolve(new SpdyClient(socket as Socket, typeof p === "string" ? p : undefined, head));
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (b: Buffer) => {
          body += b.toString();
        });
        res.on("end", () => reject(new HttpUpgradeError(res.statusCode ?? 0, res.headers, body)));
      });
      req.on("error", reject);
      req.end();
    });
  }

  writeRaw(b: Buffer): void {
    // Keeps raw frames behind any SYN_STREAM still being compressed.
    this.sendChain = this.sendChain.then(() => {
      if (!this.socket.destroyed) this.socket.write(b);
    });
  }

  /** Opens a stream; resolves once the server's SYN_REPLY arrived, rejects on RST_STREAM. */
  async createStream(headers: Record<string, string>): Promise<ClientStream> {
    const id = this.nextId;
    this.nextId += 2;
    const s = new ClientStream(this, id);
    this.streams.set(id, s);
    const replied = new Promise<void>((resolve, reject) => this.replies.set(id, { resolve, reject }));
    const compressed = this.deflate.run(headerBlock(headers));
    this.sendChain = this.sendChain.then(async () => {
      const block = await compressed;
      const fixed = Buffer.concat([u32(id, 0), Buffer.from([0, 0])]);
      if (!this.socket.destroyed) this.socket.write(ctrl(1, 0, Buffer.concat([fixed, block])));
    });
    await replied;
    return s;
  }

  ping(id: number): void {
    this.writeRaw(ctrl(6, 0, u32(id)));
  }

  /** As client-go's connection Close: GOAWAY, then the socket. */
  close(): void {
    this.writeRaw(ctrl(7, 0, u32(0, 0)));
    this.sendChain = this.sendChain.then(() => this.socket.end());
  }

  destroy(): void {
    this.socket.destroy();
  }

  private onData(b: Buffer): void {
    this.buf = Buffer.concat([this.buf, b]);
    while (this.buf.length >= 8) {
      const len = this.buf.readUInt32BE(4) & 0xffffff;
      if (this.buf.length < 8 + len) break;
      const frame = this.buf.subarray(0, 8 + len);
      this.buf = this.buf.subarray(8 + len);
      this.inChain = this.inChain.then(() => this.handle(frame)).catch(() => this.socket.destroy());
    }
  }

  private async handle(f: Buffer): Promise<void> {
    const first = f.readUInt32BE(0);
    const flags = f[4] as number;
    const p = f.subarray(8);
    if ((first & 0x80000000) === 0) {
      this.streams.get(first & 0x7fffffff)?.received(p, (flags & 1) !== 0);
      return;
    }
    const type = first & 0xffff;
    if (type === 2) {
      const id = p.readUInt32BE(0) & 0x7fffffff;
      parseBlock(await this.inflate.run(p.subarray(4)));
      this.replies.get(id)?.resolve();
      this.replies.delete(id);
      if (flags & 1) this.streams.get(id)?.received(Buffer.alloc(0), true);
    } else if (type === 8) {
      parseBlock(await this.inflate.run(p.subarray(4)));
    } else if (type === 3) {
      const id = p.readUInt32BE(0) & 0x7fffffff;
      const status = p.readUInt32BE(4);
      this.replies.get(id)?.reject(new Error(`stream ${id} reset (status ${status})`));
      this.replies.delete(id);
      this.streams.get(id)?.wasReset(status);
    } else if (type === 6) {
      this.pings.push(p.readUInt32BE(0));
    } else if (type === 7) {
      this.goAway = { lastGoodStreamId: p.readUInt32BE(0), status: p.readUInt32BE(4) };
    }
  }
}

export interface RemoteCommandResult {
  stdout: string;
  stderr: string;
  /** The error stream's bytes (a Status as JSON from v4 on). */
  error: string;
}

export interface RemoteCommandOpts {
  protocols?: string[];
  /** Opens a stdin stream, sends this, and half-closes it (unless keepStdinOpen). */
  stdin?: string;
  keepStdinOpen?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  tty?: boolean;
  /** Sent on the resize stream right after it is created (with tty, v3 and v4). */
  size?: { Width: number; Height: number };
}

export interface RemoteCommandSession {
  client: SpdyClient;
  streams: Partial<Record<"error" | "stdin" | "stdout" | "stderr" | "resize", ClientStream>>;
  /** Waits as client-go does (all output streams and the error stream ended), then closes. */
  result(): Promise<RemoteCommandResult>;
}

/** Opens a remote-command session as client-go's streamProtocolV4 does (V2 and V3 alike). */
export async function openRemoteCommand(
  url: string,
  o: RemoteCommandOpts = {},
): Promise<RemoteCommandSession> {
  const client = await SpdyClient.connect(url, o.protocols ?? ["v4.channel.k8s.io"]);
  const streams: RemoteCommandSession["streams"] = {};
  streams.error = await client.createStream({ streamType: "error" });
  if (o.stdin !== undefined) streams.stdin = await client.createStream({ streamType: "stdin" });
  if (o.stdout ?? true) streams.stdout = await client.createStream({ streamType: "stdout" });
  if ((o.stderr ?? true) && !o.tty) streams.stderr = await client.createStream({ streamType: "stderr" });
  const proto = client.protocol ?? "";
  if (o.tty && (proto.startsWith("v3.") || proto.startsWith("v4."))) {
    streams.resize = await client.createStream({ streamType: "resize" });
    if (o.size) streams.resize.write(`${JSON.stringify(o.size)}\n`);
  }
  if (o.stdin !== undefined && streams.stdin) {
    if (o.stdin !== "") streams.stdin.write(o.stdin);
    if (!o.keepStdinOpen) streams.stdin.end();
  }
  return {
    client,
    streams,
    async result() {
      await Promise.all([streams.stdout?.ended, streams.stderr?.ended, streams.error?.ended]);
      client.close();
      return {
        stdout: streams.stdout?.text() ?? "",
        stderr: streams.stderr?.text() ?? "",
        error: streams.error?.text() ?? "",
      };
    },
  };
}

/** One exec/attach run to the end. */
export async function spdyRemoteCommand(
  url: string,
  o: RemoteCommandOpts = {},
): Promise<RemoteCommandResult> {
  return (await openRemoteCommand(url, o)).result();
}

/**
 * One forwarded connection on a port-forward session, as client-go's PortForwarder opens it: an
 * error stream (closed at once, the client writes nothing there) and a data stream with the same
 * port and requestID headers. Sends `request`, half-closes (as when the local side finished
 * sending), and reads until the server ends the data stream.
 */
export async function forwardOnce(
  client: SpdyClient,
  port: number,
  requestId: number,
  request: string,
): Promise<{ data: string; error: string }> {
  const headers = { port: String(port), requestID: String(requestId) };
  const error = await client.createStream({ ...headers, streamType: "error" });
  error.end();
  const data = await client.createStream({ ...headers, streamType: "data" });
  data.write(request);
  data.end();
  await Promise.all([data.ended, error.ended]);
  return { data: data.text(), error: error.text() };
}
