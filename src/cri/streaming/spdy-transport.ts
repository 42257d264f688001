// Exec/attach and port-forward sessions over SPDY/3.1, as kubelet's streaming server runs them
// (k8s.io/kubelet/pkg/cri/streaming/{remotecommand,portforward}/httpstream.go): the client opens
// one stream per channel, named by its `streamType` header, and the server waits for them.
import type { Duplex } from "node:stream";
import type { Logger } from "../../log.js";
import { SpdyConnection, type SpdyStream } from "./spdy-connection.js";
import { encodeStatus, type KubeStatus } from "./status.js";
import {
  type ForwardStream,
  JsonSplitter,
  type PortForwardSession,
  type RemoteCommandChannels,
  type TerminalSize,
  terminalSize,
} from "./transport.js";

export const SPDY_REMOTE_COMMAND_PROTOCOLS = [
  "v4.channel.k8s.io",
  "v3.channel.k8s.io",
  "v2.channel.k8s.io",
  "channel.k8s.io",
] as const;

export const SPDY_PORT_FORWARD_PROTOCOLS = ["portforward.k8s.io"] as const;

/** kubelet's default for how long the client has to open the streams a session needs. */
export const STREAM_CREATION_TIMEOUT_MS = 30_000;

/** How long the server waits, after the end, for the client to read everything and close. */
export const FINISH_TIMEOUT_MS = 60_000;

/** The X-Stream-Protocol-Version values offered: the header may repeat and hold comma-separated lists. */
export function offeredProtocols(headerValues: readonly string[]): string[] {
  return headerValues.flatMap((v) => v.split(",").map((s) => s.trim())).filter((s) => s !== "");
}

/** httpstream.Handshake: the first offered protocol, in the client's order, that the server supports. */
export function negotiateProtocol(
  headerValues: readonly string[],
  supported: readonly string[],
): string | undefined {
  return offeredProtocols(headerValues).find((p) => supported.includes(p));
}

type StreamType = "error" | "stdin" | "stdout" | "stderr" | "resize";

export interface RemoteCommandOptions {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

interface ConnParams {
  socket: Duplex;
  head: Buffer;
  log: Logger;
  creationTimeoutMs?: number;
  finishTimeoutMs?: number;
}

/**
 * Waits for the streams kubelet's protocol handler for `protocol` waits for (error always, then
 * stdin/stdout/stderr as the request asked, resize with a tty from v3 on) and hands them over as
 * channels. Rejects, closing the connection, when they do not all arrive in time.
 */
export function spdyRemoteCommand(
  p: ConnParams & { protocol: string; opts: RemoteCommandOptions },
): Promise<RemoteCommandChannels> {
  const { protocol, opts } = p;
  const v1 = protocol === "channel.k8s.io";
  const resizing = opts.tty && (protocol === "v3.channel.k8s.io" || protocol === "v4.channel.k8s.io");
  const expected = new Set<StreamType>(["error"]);
  if (opts.stdin) expected.add("stdin");
  if (opts.stdout) expected.add("stdout");
  if (opts.stderr) expected.add("stderr");
  if (resizing) expected.add("resize");
  const got = new Map<StreamType, SpdyStream>();
  let complete: () => void = () => {};
  const conn = new SpdyConnection(p.socket, {
    log: p.log,
    head: p.head,
    onStream: (s) => {
      const type = s.header("streamType") as StreamType | undefined;
      if (type && expected.has(type) && !got.has(type)) {
        got.set(type, s);
        // After this returns the stream's SYN_REPLY is queued; what complete() sends must follow it.
        if (got.size === expected.size) queueMicrotask(() => complete());
      } else {
        // Accepted like kubelet does, but nothing reads it.
        p.log.debug({ streamType: type }, "unexpected SPDY stream type");
        s.incoming.resume();
      }
      return true;
    },
  });
  return new Promise<RemoteCommandChannels>((resolve, reject) => {
    const timer = setTimeout(() => {
      conn.destroy();
      reject(new Error("timed out waiting for client to create streams"));
    }, p.creationTimeoutMs ?? STREAM_CREATION_TIMEOUT_MS);
    timer.unref();
    void conn.closed.then(() => {
      clearTimeout(timer);
      reject(new Error("connection closed before the client created its streams"));
    });
    complete = () => {
      clearTimeout(timer);
      const errorStream = got.get("error") as SpdyStream;
      const stdin = got.get("stdin");
      if (v1) {
        // What 1.0 kubelets do and v1 clients expect: the error stream is reset once the streams
        // are there (so v1 reports no exit status), and our half of stdin is closed.
        errorStream.reset();
        stdin?.end();
      }
      resolve(remoteCommandChannels(conn, got, protocol, p.finishTimeoutMs ?? FINISH_TIMEOUT_MS));
    };
  });
}

function remoteCommandChannels(
  conn: SpdyConnection,
  got: Map<StreamType, SpdyStream>,
  protocol: string,
  finishTimeoutMs: number,
): RemoteCommandChannels {
  const errorStream = got.get("error") as SpdyStream;
  const stdin = got.get("stdin");
  const resize = got.get("resize");
  const listeners: ((s: TerminalSize) => void)[] = [];
  let lastSize: TerminalSize | undefined;
  if (resize) {
    const splitter = new JsonSplitter();
    resize.incoming.on("data", (chunk: Buffer) => {
      for (const v of splitter.push(chunk)) {
        const size = terminalSize(v);
        if (!size) continue;
        lastSize = size;
        for (const l of listeners) l(size);
      }
    });
  }
  return {
    kind: "remote-command",
    stdin: stdin ? stdin.incoming : null,
    stdout: got.get("stdout") ?? null,
    stderr: got.get("stderr") ?? null,
    closed: conn.closed,
    setIdleTimeout: (ms) => conn.setIdleTimeout(ms),
    onResize(listener) {
      listeners.push(listener);
      if (lastSize) listener(lastSize);
    },
    async writeStatus(status: KubeStatus) {
      const body = encodeStatus(status, protocol === "v4.channel.k8s.io");
      if (body) await errorStream.write(body);
    },
    close() {
      // kubelet's finish(): stop taking input, end every output stream after what was written,
      // then leave closing the connection to the client, which does so once it has read it all.
      stdin?.reset();
      resize?.reset();
      for (const t of ["stdout", "stderr", "error"] as const) got.get(t)?.end();
      conn.finish(finishTimeoutMs);
    },
  };
}

interface Pair {
  requestId: string;
  data?: SpdyStream;
  error?: SpdyStream;
  timer: NodeJS.Timeout;
}

/**
 * A port-forward session: each forwarded connection is a pair of streams (streamType data and
 * error) with the same `port` and `requestID` headers. A pair the client does not complete in time
 * gets "timed out waiting for streams" on its error stream; the session itself goes on.
 */
export function spdyPortForward(p: ConnParams): PortForwardSession {
  const pairs = new Map<string, Pair>();
  const ready: ForwardStream[] = [];
  let accept: ((f: ForwardStream) => void) | undefined;
  const timeoutMs = p.creationTimeoutMs ?? STREAM_CREATION_TIMEOUT_MS;

  const deliver = (f: ForwardStream) => (accept ? accept(f) : ready.push(f));

  /** Pairs `s` up; false refuses it (a second stream of its type for the same request). */
  const add = (s: SpdyStream, type: "data" | "error"): boolean => {
    // Clients older than the requestID header: a pair's ids are consecutive (error first).
    const requestId = s.header("requestID") ?? String(type === "error" ? s.id : s.id - 2);
    let pair = pairs.get(requestId);
    if (!pair) {
      const created: Pair = {
        requestId,
        timer: setTimeout(() => {
          pairs.delete(requestId);
          if (created.error) {
            void created.error.write(Buffer.from(`(request=${requestId}) timed out waiting for streams`));
            created.error.end();
          }
          created.data?.reset();
        }, timeoutMs),
      };
      created.timer.unref();
      pair = created;
      pairs.set(requestId, pair);
    }
    if (pair[type]) {
      const msg = `error processing stream for request ${requestId}: ${type} stream already assigned`;
      p.log.debug({ requestId }, msg);
      if (pair.error) void pair.error.write(Buffer.from(msg));
      return false;
    }
    pair[type] = s;
    if (type === "error") s.incoming.resume(); // the client writes nothing there
    const { data, error } = pair;
    if (!data || !error) return true;
    clearTimeout(pair.timer);
    pairs.delete(requestId);
    const f: ForwardStream = {
      port: Number(data.header("port")),
      data: data.incoming,
      out: data,
      error: (message) => error.write(Buffer.from(message)),
      close() {
        data.end();
        error.end();
      },
    };
    // Once this returns the SYN_REPLY is queued, and the forward's frames must follow it.
    queueMicrotask(() => deliver(f));
    return true;
  };

  const conn = new SpdyConnection(p.socket, {
    log: p.log,
    head: p.head,
    onStream: (s) => {
      const port = Number(s.header("port") ?? "");
      const type = s.header("streamType");
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        p.log.debug({ port: s.header("port") }, "port-forward stream without a valid port header");
        return false;
      }
      if (type !== "data" && type !== "error") {
        p.log.debug({ streamType: type }, "port-forward stream of an unknown type");
        return false;
      }
      return add(s, type);
    },
  });
  void conn.closed.then(() => {
    for (const pair of pairs.values()) clearTimeout(pair.timer);
    pairs.clear();
  });
  return {
    kind: "portforward",
    closed: conn.closed,
    setIdleTimeout: (ms) => conn.setIdleTimeout(ms),
    accept(forward) {
      accept = forward;
      for (const f of ready.splice(0)) forward(f);
    },
    close(reason) {
      if (reason) p.log.info({ reason }, "closing port-forward session");
      conn.destroy();
    },
  };
}
