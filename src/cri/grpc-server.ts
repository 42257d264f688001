// A gRPC server for exactly what CRI needs, on node:http2: unary and server-streaming methods, protobuf
// messages, deadlines, cancellation and kubelet's 16 MiB message limit. No compression, no client side,
// no channelz, no name resolution: berthd used to carry all of grpc-js for this, ~2.5 MiB of heap
// at idle. The wire format (PROTOCOL-HTTP2.md in grpc/grpc):
//   request   HEADERS :method POST, :path /<service>/<method>, content-type application/grpc[+proto],
//             grpc-timeout <digits><H|M|S|m|u|n>; DATA: length-prefixed messages (1 byte compressed
//             flag, 4 bytes big-endian length, the message); END_STREAM.
//   response  HEADERS :status 200, content-type; DATA: length-prefixed messages; trailers grpc-status,
//             grpc-message (percent-encoded). An error before any message is "trailers-only": one
//             HEADERS frame with :status, content-type, grpc-status and grpc-message, and END_STREAM.
import {
  constants,
  createServer,
  type Http2Server,
  type Http2Session,
  type IncomingHttpHeaders,
  type ServerHttp2Stream,
} from "node:http2";
import type { Duplex } from "node:stream";
import { type LongTimer, longTimeout } from "../timers.js";

/** gRPC status codes (grpc/grpc doc/statuscodes.md). */
export const Status = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;
export type StatusCode = (typeof Status)[keyof typeof Status];
const STATUS_NAMES = Object.fromEntries(Object.entries(Status).map(([k, v]) => [v, k])) as Record<
  number,
  string
>;

/** `CANCELLED`, `NOT_FOUND`, … for a code. */
export function statusName(code: number): string {
  return STATUS_NAMES[code] ?? String(code);
}

/** A failed call's answer. */
export interface GrpcError {
  code: StatusCode;
  details: string;
}

/** What a handler sees of its call. */
export interface ServerCall<Req> {
  request: Req;
  /** When the client gives up (ms since the epoch), or Infinity without grpc-timeout. */
  deadline: number;
  /** Aborted when the client cancels (RST_STREAM, connection gone) before the answer went out. */
  cancelled: AbortSignal;
}

export type UnaryHandler = (call: ServerCall<unknown>) => Promise<unknown>;
/** Resolves when done; `send` resolves when the message is handed to the connection (backpressure). */
export type StreamHandler = (
  call: ServerCall<unknown>,
  send: (res: unknown) => Promise<void>,
) => Promise<void>;

/** One method: its codec and handler. Handlers reject with a GrpcError (anything else is INTERNAL). */
export interface MethodEntry {
  decode(bytes: Buffer): unknown;
  encode(message: unknown): Buffer;
  unary?: UnaryHandler;
  stream?: StreamHandler;
}

export interface GrpcServerOptions {
  /** Largest message accepted or sent; larger ones answer RESOURCE_EXHAUSTED. */
  maxMessageBytes: number;
  /** `/<service>/<method>` → method. */
  methods: ReadonlyMap<string, MethodEntry>;
  onError?: (err: unknown) => void;
}

const GRPC_CONTENT_TYPE = /^application\/grpc(\+proto)?(;.*)?$/;
const TIMEOUT_UNITS_MS: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 1e-3, n: 1e-6 };

/** grpc-timeout (`<1-8 digits><unit>`) as ms, or undefined when absent or malformed. */
export function parseGrpcTimeout(value: string | string[] | undefined): number | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^(\d{1,8})([HMSmun])$/.exec(value);
  return m ? Number(m[1]) * (TIMEOUT_UNITS_MS[m[2] as string] as number) : undefined;
}

/** grpc-message: printable ASCII except `%` as is, everything else as %XX of its UTF-8 bytes. */
export function encodeGrpcMessage(s: string): string {
  let out = "";
  for (const b of Buffer.from(s, "utf8")) {
    out +=
      b >= 0x20 && b <= 0x7e && b !== 0x25
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** `message` with its 5-byte prefix (not compressed, length). */
function frameMessage(message: Buffer): Buffer {
  const head = Buffer.allocUnsafe(5);
  head.writeUInt8(0, 0);
  head.writeUInt32BE(message.length, 1);
  return Buffer.concat([head, message]);
}

class CallError extends Error {
  constructor(
    readonly code: StatusCode,
    message: string,
  ) {
    super(message);
  }
}

function asGrpcError(err: unknown): GrpcError {
  if (err instanceof CallError) return { code: err.code, details: err.message };
  if (err && typeof err === "object" && "code" in err && "details" in err) {
    const e = err as { code: unknown; details: unknown };
    if (typeof e.code === "number" && typeof e.details === "string")
      return { code: e.code as StatusCode, details: e.details };
  }
  return { code: Status.INTERNAL, details: err instanceof Error ? err.message : String(err) };
}

export class GrpcServer {
  private readonly http2: Http2Server;
  private readonly sessions = new Set<Http2Session>();

  constructor(private readonly opts: GrpcServerOptions) {
    this.http2 = createServer({
      // A session's buffered frames are bounded by the message limit per stream, not by nghttp2's
      // default 10 MiB per session (which a single 16 MiB message would exceed): grpc-js does the same.
      maxSessionMemory: Number.MAX_SAFE_INTEGER,
    });
    this.http2.on("session", (session: Http2Session) => {
      this.sessions.add(session);
      session.once("close", () => this.sessions.delete(session));
      session.on("error", (err) => opts.onError?.(err));
    });
    this.http2.on("stream", (stream, headers) => this.handle(stream, headers));
  }

  /** Serves one client connection (any Duplex: a unix socket, or a rewriting stream over one). */
  serve(connection: Duplex): void {
    this.http2.emit("connection", connection);
  }

  /** Sends GOAWAY to every client and resolves once their calls finished, or after `timeoutMs` closes them. */
  async shutdown(timeoutMs: number): Promise<boolean> {
    const all = [...this.sessions].map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.closed || s.destroyed) resolve();
          else s.close(() => resolve());
        }),
    );
    let timer: NodeJS.Timeout | undefined;
    const graceful = await Promise.race([
      Promise.all(all).then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!graceful) for (const s of this.sessions) s.destroy();
    return graceful;
  }

  private handle(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
    stream.on("error", (err) => this.opts.onError?.(err));
    const contentType = headers["content-type"];
    if (
      headers[":method"] !== "POST" ||
      typeof contentType !== "string" ||
      !GRPC_CONTENT_TYPE.test(contentType)
    ) {
      stream.respond({ ":status": 415, "content-type": "text/plain" }, { endStream: true });
      return;
    }
    const path = headers[":path"] ?? "";
    const method = this.opts.methods.get(path);
    if (!method) {
      this.answerError(stream, { code: Status.UNIMPLEMENTED, details: `unknown method ${path}` });
      return;
    }
    const timeoutMs = parseGrpcTimeout(headers["grpc-timeout"]);
    const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs;
    const cancel = new AbortController();
    let answered = false;
    let timer: LongTimer | undefined;
    const finish = () => {
      answered = true;
      timer?.clear();
    };
    stream.once("close", () => {
      timer?.clear();
      if (!answered) cancel.abort(new CallError(Status.CANCELLED, "call cancelled by the client"));
    });
    if (timeoutMs !== undefined) {
      // The client stops waiting then; answering DEADLINE_EXCEEDED tells it so even if the handler
      // cannot be interrupted. The handler sees the same moment through its own deadline.
      // grpc-timeout reaches 99999999H: past setTimeout's 2^31-1 ms, which would fire at once.
      timer = longTimeout(
        () => {
          if (answered) return;
          finish();
          this.answerError(stream, { code: Status.DEADLINE_EXCEEDED, details: "deadline exceeded" });
          cancel.abort(new CallError(Status.DEADLINE_EXCEEDED, "the call's deadline passed"));
        },
        timeoutMs,
        { unref: true },
      );
    }

    this.readRequest(stream).then(
      (bytes) => {
        if (answered) return;
        let request: unknown;
        try {
          request = method.decode(bytes);
        } catch (err) {
          finish();
          this.answerError(stream, {
            code: Status.INVALID_ARGUMENT,
            details: `malformed request message: ${err instanceof Error ? err.message : String(err)}`,
          });
          return;
        }
        const call: ServerCall<unknown> = { request, deadline, cancelled: cancel.signal };
        if (method.stream) this.runStream(stream, method, call, finish, () => answered);
        else if (method.unary) this.runUnary(stream, method, method.unary, call, finish, () => answered);
      },
      (err: unknown) => {
        if (answered) return;
        finish();
        this.answerError(stream, asGrpcError(err));
      },
    );
  }

  /** The one request message of a unary or server-streaming call. */
  private readRequest(stream: ServerHttp2Stream): Promise<Buffer> {
    const max = this.opts.maxMessageBytes;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let length = -1; // of the message, once its 5-byte prefix arrived
      const fail = (err: CallError) => {
        chunks.length = 0;
        stream.removeAllListeners("data");
        stream.removeAllListeners("end");
        stream.resume();
        reject(err);
      };
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        chunks.push(chunk);
        if (length < 0 && size >= 5) {
          const head = chunks.length === 1 ? chunk : Buffer.concat(chunks, size);
          length = head.readUInt32BE(1);
        }
        if (length >= 0) {
          if (length > max) {
            fail(
              new CallError(
                Status.RESOURCE_EXHAUSTED,
                `request message of ${length} bytes is larger than the limit of ${max}`,
              ),
            );
          } else if (size > 5 + length) {
            fail(
              new CallError(
                Status.UNIMPLEMENTED,
                "more than one request message on a unary or server-streaming method",
              ),
            );
          }
        }
      });
      stream.once("end", () => {
        const all = Buffer.concat(chunks, size);
        if (all.length < 5) {
          reject(new CallError(Status.UNIMPLEMENTED, "request carries no message"));
          return;
        }
        if (all[0] !== 0) {
          reject(
            new CallError(
              Status.UNIMPLEMENTED,
              "compressed messages are not supported (grpc-encoding identity only)",
            ),
          );
          return;
        }
        const length = all.readUInt32BE(1);
        if (all.length !== 5 + length) {
          reject(
            new CallError(
              Status.INVALID_ARGUMENT,
              `request message truncated: ${all.length - 5} of ${length} bytes`,
            ),
          );
          return;
        }
        resolve(all.subarray(5));
      });
    });
  }

  private runUnary(
    stream: ServerHttp2Stream,
    method: MethodEntry,
    handler: UnaryHandler,
    call: ServerCall<unknown>,
    finish: () => void,
    answered: () => boolean,
  ): void {
    let promise: Promise<unknown>;
    try {
      promise = handler(call);
    } catch (err) {
      promise = Promise.reject(err);
    }
    promise.then(
      (res) => {
        if (answered()) return;
        finish();
        let body: Buffer;
        try {
          body = method.encode(res);
        } catch (err) {
          this.answerError(stream, {
            code: Status.INTERNAL,
            details: `encoding the response: ${String(err)}`,
          });
          return;
        }
        if (body.length > this.opts.maxMessageBytes) {
          this.answerError(stream, {
            code: Status.RESOURCE_EXHAUSTED,
            details: `response of ${body.length} bytes is larger than the limit of ${this.opts.maxMessageBytes}`,
          });
          return;
        }
        if (stream.closed || stream.destroyed) return;
        stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
        stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
        stream.end(frameMessage(body));
      },
      (err: unknown) => {
        if (answered()) return;
        finish();
        this.answerError(stream, asGrpcError(err));
      },
    );
  }

  private runStream(
    stream: ServerHttp2Stream,
    method: MethodEntry,
    call: ServerCall<unknown>,
    finish: () => void,
    answered: () => boolean,
  ): void {
    const handler = method.stream as StreamHandler;
    let started = false;
    const send = (res: unknown): Promise<void> =>
      new Promise((resolve, reject) => {
        if (answered() || stream.closed || stream.destroyed) {
          reject(call.cancelled.reason ?? new CallError(Status.CANCELLED, "call finished"));
          return;
        }
        const body = method.encode(res);
        if (body.length > this.opts.maxMessageBytes) {
          reject(
            new CallError(
              Status.RESOURCE_EXHAUSTED,
              `message of ${body.length} bytes is larger than the limit`,
            ),
          );
          return;
        }
        if (!started) {
          started = true;
          stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
        }
        if (stream.write(frameMessage(body))) {
          resolve();
          return;
        }
        // Room comes back with "drain", or never: a client that goes while not reading closes
        // the stream instead, and a send left waiting would hold the handler (and what it queued).
        const onDrain = () => {
          stream.off("close", onClose);
          resolve();
        };
        const onClose = () => {
          stream.off("drain", onDrain);
          reject(call.cancelled.reason ?? new CallError(Status.CANCELLED, "call cancelled by the client"));
        };
        stream.once("drain", onDrain);
        stream.once("close", onClose);
      });
    const end = (error: GrpcError | undefined) => {
      if (answered()) return;
      finish();
      if (!started) {
        this.answerError(stream, error ?? { code: Status.OK, details: "" });
        return;
      }
      if (stream.closed || stream.destroyed) return;
      stream.once("wantTrailers", () =>
        stream.sendTrailers(trailers(error ?? { code: Status.OK, details: "" })),
      );
      stream.end();
    };
    let promise: Promise<void>;
    try {
      promise = handler(call, send);
    } catch (err) {
      promise = Promise.reject(err);
    }
    promise.then(
      () => end(undefined),
      (err: unknown) => end(asGrpcError(err)),
    );
  }

  /** A trailers-only answer (nothing sent yet). */
  private answerError(stream: ServerHttp2Stream, error: GrpcError): void {
    if (stream.closed || stream.destroyed) return;
    if (stream.headersSent) {
      stream.close(constants.NGHTTP2_CANCEL);
      return;
    }
    stream.respond(
      { ":status": 200, "content-type": "application/grpc", ...trailers(error) },
      { endStream: true },
    );
    // The request body may still be arriving; it is not needed.
    stream.resume();
  }
}

function trailers(error: GrpcError): Record<string, string> {
  return error.code === Status.OK
    ? { "grpc-status": "0" }
    : { "grpc-status": String(error.code), "grpc-message": encodeGrpcMessage(error.details) };
}
