// The streaming server kubelet proxies exec/attach/port-forward clients to: plain HTTP on
// config.streaming.address, upgrades on /<kind>/<token> to either a WebSocket (channel.k8s.io
// subprotocols) or SPDY/3.1 (X-Stream-Protocol-Version negotiation, as client-go's SPDY executor
// and port forwarder ask). Unknown, expired or used tokens get 404 and start nothing.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { WebSocket, WebSocketServer } from "ws";
import type { Logger } from "../../log.js";
import { PORT_FORWARD_PROTOCOLS, REMOTE_COMMAND_PROTOCOLS } from "./channels.js";
import {
  negotiateProtocol,
  offeredProtocols,
  SPDY_PORT_FORWARD_PROTOCOLS,
  SPDY_REMOTE_COMMAND_PROTOCOLS,
  spdyPortForward,
  spdyRemoteCommand,
} from "./spdy-transport.js";
import { type StreamRequest, TokenStore } from "./tokens.js";
import type { StreamConnection } from "./transport.js";
import { parsePorts, wsPortForward, wsRemoteCommand } from "./ws-transport.js";

/** Serves one consumed request over a connection that is ready (all its streams are there). */
export type StreamHandler = (req: StreamRequest, conn: StreamConnection) => void;

const PATH_RE = /^\/(exec|attach|portforward)\/([A-Za-z0-9_-]+)$/;

function refuse(socket: Duplex, code: number, text: string, headers: string[] = [], body = ""): void {
  const extra = headers.map((h) => `${h}\r\n`).join("");
  socket.end(
    `HTTP/1.1 ${code} ${text}\r\nConnection: close\r\n${extra}Content-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

const hasToken = (value: string | undefined, token: string) =>
  (value ?? "")
    .toLowerCase()
    .split(",")
    .some((v) => v.trim().includes(token));

export interface StreamingServerOptions {
  address: string;
  tokenTTLMs: number;
  log: Logger;
  handler: StreamHandler;
  /** How long a SPDY client has to open the streams its session needs (kubelet: 30 s). */
  streamCreationTimeoutMs?: number;
}

export class StreamingServer {
  private readonly tokens: TokenStore;
  private readonly http: Server;
  /** The subprotocol chosen for each upgrade request, answered in its handshake. */
  private readonly chosen = new WeakMap<IncomingMessage, string>();
  /** Loaded on the first WebSocket upgrade: most nodes only ever see kubelet's SPDY, and `ws` costs ~1 MiB of heap. */
  private wss?: Promise<WebSocketServer>;
  private readonly spdySockets = new Set<Duplex>();
  private base = "";

  constructor(private readonly opts: StreamingServerOptions) {
    this.tokens = new TokenStore(opts.tokenTTLMs);
    this.http = createServer((_req, res) => {
      res.writeHead(404).end();
    });
    this.http.on("upgrade", (req, socket, head) => this.upgrade(req, socket, head));
  }

  async listen(): Promise<void> {
    const i = this.opts.address.lastIndexOf(":");
    const host = this.opts.address.slice(0, i).replace(/^\[|\]$/g, "") || "127.0.0.1";
    const port = Number(this.opts.address.slice(i + 1));
    await new Promise<void>((resolve, reject) => {
      this.http.once("error", reject);
      this.http.listen(port, host, () => resolve());
    });
    // The CRI socket keeps berthd alive; this server must not keep a failed start from exiting.
    this.http.unref();
    const a = this.http.address() as AddressInfo;
    this.base = `http://${a.family === "IPv6" ? `[${a.address}]` : a.address}:${a.port}`;
    this.opts.log.info({ url: this.base }, "streaming server listening");
  }

  /** A single-use URL for `req`. */
  url(req: StreamRequest): string {
    return `${this.base}/${req.kind}/${this.tokens.issue(req)}`;
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => socket.destroy());
    const url = new URL(req.url ?? "/", "http://streaming");
    const m = PATH_RE.exec(url.pathname);
    const token = m?.[2];
    const kind = m?.[1];
    if (!m || !token || !kind || !this.tokens.has(token)) {
      refuse(socket, 404, "Not Found");
      return;
    }
    const upgrade = req.headers.upgrade;
    if (hasToken(upgrade, "websocket")) this.upgradeWebSocket(req, socket, head, url, kind, token);
    else if (hasToken(upgrade, "spdy/3.1") && hasToken(req.headers.connection, "upgrade")) {
      this.upgradeSpdy(req, socket, head, kind, token);
    } else {
      refuse(socket, 400, "Bad Request", [], "unable to upgrade: expected WebSocket or SPDY/3.1\n");
    }
  }

  private upgradeWebSocket(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    url: URL,
    kind: string,
    token: string,
  ): void {
    const offered = (req.headers["sec-websocket-protocol"] ?? "").split(",").map((s) => s.trim());
    const supported: readonly string[] =
      kind === "portforward" ? PORT_FORWARD_PROTOCOLS : REMOTE_COMMAND_PROTOCOLS;
    const protocol = supported.find((p) => offered.includes(p));
    if (!protocol) {
      refuse(socket, 400, "Bad Request", [], "no supported subprotocol\n");
      return;
    }
    let ports: number[] = [];
    if (kind === "portforward") {
      try {
        ports = parsePorts(url);
      } catch (err) {
        refuse(socket, 400, "Bad Request", [], `${String(err)}\n`);
        return;
      }
    }
    const sreq = this.tokens.consume(token);
    if (!sreq || sreq.kind !== kind) {
      refuse(socket, 404, "Not Found");
      return;
    }
    this.chosen.set(req, protocol);
    this.wss ??= import("ws").then(
      ({ WebSocketServer }) =>
        new WebSocketServer({
          noServer: true,
          handleProtocols: (_offered, r) => this.chosen.get(r) ?? false,
        }),
    );
    this.wss.then(
      (wss) =>
        wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
          const conn =
            sreq.kind === "portforward"
              ? wsPortForward(ws, protocol, ports, this.opts.log)
              : wsRemoteCommand(ws, protocol);
          this.opts.handler(sreq, conn);
        }),
      (err: unknown) => {
        this.opts.log.error({ err }, "loading the WebSocket server failed");
        refuse(socket, 500, "Internal Server Error");
      },
    );
  }

  private upgradeSpdy(req: IncomingMessage, socket: Duplex, head: Buffer, kind: string, token: string): void {
    const values = req.headersDistinct["x-stream-protocol-version"] ?? [];
    const supported: readonly string[] =
      kind === "portforward" ? SPDY_PORT_FORWARD_PROTOCOLS : SPDY_REMOTE_COMMAND_PROTOCOLS;
    if (offeredProtocols(values).length === 0) {
      refuse(socket, 400, "Bad Request", [], "unable to upgrade: X-Stream-Protocol-Version is required\n");
      return;
    }
    const protocol = negotiateProtocol(values, supported);
    if (!protocol) {
      refuse(
        socket,
        403,
        "Forbidden",
        supported.map((p) => `X-Accepted-Stream-Protocol-Versions: ${p}`),
        `unable to upgrade: unable to negotiate protocol: client supports [${offeredProtocols(values).join(" ")}], server accepts [${supported.join(" ")}]\n`,
      );
      return;
    }
    const sreq = this.tokens.consume(token);
    if (!sreq || sreq.kind !== kind) {
      refuse(socket, 404, "Not Found");
      return;
    }
    socket.write(
      "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n" +
        `X-Stream-Protocol-Version: ${protocol}\r\n\r\n`,
    );
    this.spdySockets.add(socket);
    socket.once("close", () => this.spdySockets.delete(socket));
    const log = this.opts.log.child({ protocol, kind: sreq.kind });
    const params = { socket, head, log, creationTimeoutMs: this.opts.streamCreationTimeoutMs };
    if (sreq.kind === "portforward") {
      this.opts.handler(sreq, spdyPortForward(params));
      return;
    }
    spdyRemoteCommand({ ...params, protocol, opts: sreq }).then(
      (channels) => this.opts.handler(sreq, channels),
      (err: unknown) => log.warn({ err: String(err) }, `${sreq.kind} stream setup failed`),
    );
  }

  async close(): Promise<void> {
    this.tokens.clear();
    if (this.wss) for (const c of (await this.wss).clients) c.terminate();
    for (const s of this.spdySockets) s.destroy();
    this.http.closeAllConnections();
    await new Promise<void>((r) => this.http.close(() => r()));
  }
}
