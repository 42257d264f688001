// The streaming server kubelet proxies exec/attach/port-forward clients to: plain HTTP on
// config.streaming.address, WebSocket upgrades on /<kind>/<token>. Unknown, expired or used
// tokens get 404 and start nothing.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import type { Logger } from "../../log.js";
import { PORT_FORWARD_PROTOCOLS, REMOTE_COMMAND_PROTOCOLS } from "./channels.js";
import { type StreamRequest, TokenStore } from "./tokens.js";

export type StreamHandler = (req: StreamRequest, ws: WebSocket, protocol: string, url: URL) => void;

const PATH_RE = /^\/(exec|attach|portforward)\/([A-Za-z0-9_-]+)$/;

function refuse(socket: Duplex, code: number, text: string): void {
  socket.end(`HTTP/1.1 ${code} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export class StreamingServer {
  private readonly tokens: TokenStore;
  private readonly http: Server;
  /** The subprotocol chosen for each upgrade request, answered in its handshake. */
  private readonly chosen = new WeakMap<IncomingMessage, string>();
  private readonly wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (_offered, req) => this.chosen.get(req) ?? false,
  });
  private base = "";

  constructor(
    private readonly opts: { address: string; tokenTTLMs: number; log: Logger; handler: StreamHandler },
  ) {
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
    const url = new URL(req.url ?? "/", "http://streaming");
    const m = PATH_RE.exec(url.pathname);
    const token = m?.[2];
    if (!m || !token || !this.tokens.has(token)) {
      refuse(socket, 404, "Not Found");
      return;
    }
    if ((req.headers.upgrade ?? "").toLowerCase() !== "websocket") {
      refuse(socket, 400, "Bad Request (only WebSocket streaming is supported)");
      return;
    }
    const offered = (req.headers["sec-websocket-protocol"] ?? "").split(",").map((s) => s.trim());
    const supported: readonly string[] =
      m[1] === "portforward" ? PORT_FORWARD_PROTOCOLS : REMOTE_COMMAND_PROTOCOLS;
    const protocol = supported.find((p) => offered.includes(p));
    if (!protocol) {
      refuse(socket, 400, "Bad Request (no supported subprotocol)");
      return;
    }
    const sreq = this.tokens.consume(token);
    if (!sreq || sreq.kind !== m[1]) {
      refuse(socket, 404, "Not Found");
      return;
    }
    this.chosen.set(req, protocol);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.opts.handler(sreq, ws, protocol, url);
    });
  }

  async close(): Promise<void> {
    this.tokens.clear();
    for (const c of this.wss.clients) c.terminate();
    this.http.closeAllConnections();
    await new Promise<void>((r) => this.http.close(() => r()));
  }
}
