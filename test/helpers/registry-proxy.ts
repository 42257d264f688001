// A forwarding proxy in front of a real registry, for faults the registry itself will not make:
// it counts requests per path and can answer 500 (or drop the connection) for the next N matches.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Fault {
  match: RegExp;
  times: number;
  /** HTTP status to answer; "drop": forward but close the socket halfway through the body;
   *  "stall": forward half the body, then send nothing more. */
  action: number | "drop" | "stall";
}

export class RegistryProxy {
  readonly requests: { method: string; path: string; status?: number; authorization?: string }[] = [];
  /** Answer blob GETs with a 307 to this base URL (as registries do for blob storage). */
  redirectBlobsTo?: string;
  /** Authorization sent upstream regardless of the client's (a presigned-URL stand-in). */
  upstreamAuth?: string;
  private readonly faults: Fault[] = [];
  private server!: http.Server;
  address = "";

  constructor(private readonly upstream = "127.0.0.1:5000") {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.address = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  /** Drops the faults not used up yet. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** GETs seen for a blob digest. */
  blobGets(digest: string): number {
    return this.requests.filter((r) => r.method === "GET" && r.path.endsWith(`/blobs/${digest}`)).length;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = req.url ?? "/";
    const entry: { method: string; path: string; status?: number; authorization?: string } = {
      method: req.method ?? "GET",
      path,
    };
    if (req.headers.authorization) entry.authorization = req.headers.authorization;
    this.requests.push(entry);
    if (this.redirectBlobsTo && req.method === "GET" && /\/blobs\/sha256:/.test(path)) {
      entry.status = 307;
      res.writeHead(307, { location: `${this.redirectBlobsTo}${path}` });
      res.end();
      return;
    }
    const fault = this.faults.find((f) => f.times > 0 && f.match.test(path));
    if (fault) {
      fault.times--;
      if (typeof fault.action === "number") {
        entry.status = fault.action;
        res.writeHead(fault.action, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ code: "UNKNOWN", message: "injected fault" }] }));
        return;
      }
    }
    this.forward(req, res, entry, fault && typeof fault.action === "string" ? fault.action : undefined);
  }

  private forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    entry: { status?: number },
    cut: "drop" | "stall" | undefined,
  ): void {
    const path = req.url ?? "/";
    const [host, port] = this.upstream.split(":");
    const up = http.request(
      {
        host,
        port: Number(port),
        method: req.method,
        path,
        headers: {
          ...req.headers,
          host: this.upstream,
          ...(this.upstreamAuth ? { authorization: this.upstreamAuth } : {}),
        },
      },
      (ur) => {
        entry.status = ur.statusCode;
        res.writeHead(ur.statusCode ?? 502, ur.headers);
        if (!cut) {
          ur.pipe(res);
          return;
        }
        const half = Math.floor(Number(ur.headers["content-length"] ?? 0) / 2);
        let sent = 0;
        ur.on("data", (c: Buffer) => {
          if (sent >= half) return;
          const part = c.subarray(0, half - sent);
          sent += part.length;
          res.write(part);
          if (sent >= half) {
            ur.destroy();
            if (cut === "drop") setTimeout(() => res.socket?.destroy(), 10);
          }
        });
      },
    );
    up.on("error", () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  }
}
