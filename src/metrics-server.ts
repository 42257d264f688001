// The Prometheus endpoint shared by berthd and the controller: /metrics, /healthz, optional /readyz.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { collectDefaultMetrics, register } from "prom-client";

let defaultsCollected = false;

/** Registers prom-client's process metrics once per process. */
export function ensureDefaultMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics();
}

export interface MetricsServerOptions {
  /** host:port; port 0 picks a free one. */
  address: string;
  ready?: () => boolean;
}

export interface MetricsServer {
  server: Server;
  /** The bound address as host:port. */
  address: string;
  close(): Promise<void>;
}

export function splitHostPort(address: string): { host: string; port: number } {
  const i = address.lastIndexOf(":");
  const host = address.slice(0, i).replace(/^\[|\]$/g, "");
  return { host: host === "" ? "0.0.0.0" : host, port: Number(address.slice(i + 1)) };
}

export async function startMetricsServer(opts: MetricsServerOptions): Promise<MetricsServer> {
  ensureDefaultMetrics();
  const server = createServer((req, res) => {
    const url = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405).end();
      return;
    }
    if (url === "/metrics") {
      register.metrics().then(
        (body) => res.writeHead(200, { "content-type": register.contentType }).end(body),
        (err: unknown) => res.writeHead(500).end(String(err)),
      );
    } else if (url === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    } else if (url === "/readyz") {
      const ok = opts.ready ? opts.ready() : true;
      res.writeHead(ok ? 200 : 503, { "content-type": "text/plain" }).end(ok ? "ok\n" : "not ready\n");
    } else {
      res.writeHead(404).end();
    }
  });
  const { host, port } = splitHostPort(opts.address);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const shown = bound.family === "IPv6" ? `[${bound.address}]` : bound.address;
  return {
    server,
    address: `${shown}:${bound.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
