// A small typed REST client for the Kubernetes API. KubeConfig (client-node) supplies the server,
// TLS material and credentials; requests go over a keep-alive node:http(s) agent and carry the wire
// JSON unchanged, so custom resources and core objects are handled alike and watches can be read
// line by line without client-node's Watch (which never times out a stalled stream).
import http from "node:http";
import https from "node:https";
import { createInterface } from "node:readline";
import type { KubeConfig } from "@kubernetes/client-node";
import type { AnyObject, ObjectList, Status, WatchEvent } from "./object.js";
import { collectionPath, describeResource, objectPath, type ResourceType } from "./resources.js";

/** An answer of the API server other than 2xx, with the Status it sent. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly reason: string;
  readonly status: Status | undefined;
  constructor(statusCode: number, message: string, status?: Status) {
    super(message);
    this.name = "ApiError";
    this.statusCode = statusCode;
    this.reason = status?.reason ?? "";
    this.status = status;
  }
}

export const isNotFound = (err: unknown): boolean => err instanceof ApiError && err.statusCode === 404;
export const isGone = (err: unknown): boolean => err instanceof ApiError && err.statusCode === 410;
export const isAlreadyExists = (err: unknown): boolean =>
  err instanceof ApiError && err.statusCode === 409 && err.reason === "AlreadyExists";
/** A write lost an optimistic-concurrency race (stale resourceVersion). */
export const isConflict = (err: unknown): boolean =>
  err instanceof ApiError && err.statusCode === 409 && err.reason !== "AlreadyExists";

export type PatchType = "merge" | "json" | "apply" | "strategic";

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: "application/merge-patch+json",
  json: "application/json-patch+json",
  apply: "application/apply-patch+yaml",
  strategic: "application/strategic-merge-patch+json",
};

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  limit?: number;
  continue?: string;
}

export interface WatchOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  /** Asks the server to end the watch after this long (it then ends cleanly). */
  timeoutSeconds?: number;
}

export interface WatchHandle {
  /** Ends the watch; `done` is then called with no error. */
  abort(): void;
}

export interface KubeClientOptions {
  /** Per-request timeout for non-watch calls (default 30 s). */
  timeoutMs?: number;
  /** Keep-alive sockets to the API server (default 32). */
  maxSockets?: number;
  userAgent?: string;
}

interface Prepared {
  headers: Record<string, string>;
  auth?: string;
}

const AUTH_CACHE_MS = 30_000;

export class KubeClient {
  readonly server: URL;
  private readonly kc: KubeConfig;
  private readonly timeoutMs: number;
  private readonly userAgent: string;
  private agent: http.Agent | undefined;
  /** Watches hold their socket for minutes; they get their own pool so they never starve requests. */
  private watchAgent: http.Agent | undefined;
  private prepared: { at: number; value: Promise<Prepared> } | undefined;
  private readonly maxSockets: number;

  constructor(kc: KubeConfig, opts: KubeClientOptions = {}) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error("kubeconfig has no current cluster");
    this.kc = kc;
    this.server = new URL(cluster.server);
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.maxSockets = opts.maxSockets ?? 32;
    this.userAgent = opts.userAgent ?? "berth-controller";
  }

  async list<T extends AnyObject>(r: ResourceType, opts: ListOptions = {}): Promise<ObjectList<T>> {
    const q = new URLSearchParams();
    if (opts.labelSelector) q.set("labelSelector", opts.labelSelector);
    if (opts.fieldSelector) q.set("fieldSelector", opts.fieldSelector);
    if (opts.resourceVersion !== undefined) q.set("resourceVersion", opts.resourceVersion);
    if (opts.limit !== undefined) q.set("limit", String(opts.limit));
    if (opts.continue) q.set("continue", opts.continue);
    return this.request<ObjectList<T>>("GET", collectionPath(r, opts.namespace), q);
  }

  get<T extends AnyObject>(r: ResourceType, namespace: string | undefined, name: string): Promise<T> {
    return this.request<T>("GET", objectPath(r, namespace, name));
  }

  create<T extends AnyObject>(r: ResourceType, obj: T): Promise<T> {
    return this.request<T>("POST", collectionPath(r, obj.metadata?.namespace), undefined, obj);
  }

  /** PUT: fails with 409 when `obj.metadata.resourceVersion` is stale. */
  replace<T extends AnyObject>(r: ResourceType, obj: T): Promise<T> {
    return this.request<T>("PUT", this.pathOf(r, obj), undefined, obj);
  }

  /** PUT to the status subresource: only `status` changes. */
  replaceStatus<T extends AnyObject>(r: ResourceType, obj: T): Promise<T> {
    return this.request<T>("PUT", `${this.pathOf(r, obj)}/status`, undefined, obj);
  }

  patch<T extends AnyObject>(
    r: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    type: PatchType = "merge",
    opts: { status?: boolean; fieldManager?: string; force?: boolean } = {},
  ): Promise<T> {
    const q = new URLSearchParams();
    if (opts.fieldManager) q.set("fieldManager", opts.fieldManager);
    if (opts.force) q.set("force", "true");
    const path = objectPath(r, namespace, name) + (opts.status ? "/status" : "");
    return this.request<T>("PATCH", path, q, body, PATCH_CONTENT_TYPES[type]);
  }

  delete(
    r: ResourceType,
    namespace: string | undefined,
    name: string,
    opts: {
      propagationPolicy?: "Background" | "Foreground" | "Orphan";
      uid?: string;
      resourceVersion?: string;
    } = {},
  ): Promise<unknown> {
    const body: Record<string, unknown> = { kind: "DeleteOptions", apiVersion: "v1" };
    if (opts.propagationPolicy) body.propagationPolicy = opts.propagationPolicy;
    if (opts.uid || opts.resourceVersion) {
      body.preconditions = { uid: opts.uid, resourceVersion: opts.resourceVersion };
    }
    return this.request("DELETE", objectPath(r, namespace, name), undefined, body);
  }

  /**
   * Streams watch events. `done` is called exactly once: with no error when the stream ended (server
   * timeout, abort) and with an error when it failed (connection refused, non-200, dropped socket).
   */
  watch<T extends AnyObject>(
    r: ResourceType,
    opts: WatchOptions,
    onEvent: (ev: WatchEvent<T>) => void,
    done: (err?: Error) => void,
  ): WatchHandle {
    const q = new URLSearchParams({ watch: "true" });
    if (opts.labelSelector) q.set("labelSelector", opts.labelSelector);
    if (opts.fieldSelector) q.set("fieldSelector", opts.fieldSelector);
    if (opts.resourceVersion !== undefined) q.set("resourceVersion", opts.resourceVersion);
    if (opts.allowWatchBookmarks) q.set("allowWatchBookmarks", "true");
    if (opts.timeoutSeconds !== undefined) q.set("timeoutSeconds", String(opts.timeoutSeconds));
    let finished = false;
    let aborted = false;
    let req: http.ClientRequest | undefined;
    let response: http.IncomingMessage | undefined;
    const finish = (err?: Error): void => {
      if (finished) return;
      finished = true;
      // Destroying the response (not the request) ends the stream without a late "aborted" error.
      if (response) response.destroy();
      else req?.destroy();
      done(aborted ? undefined : err);
    };
    this.open("GET", collectionPath(r, opts.namespace), q, undefined, undefined, false).then(
      (request) => {
        req = request;
        if (aborted) {
          finish();
          return;
        }
        request.on("error", (err) => finish(err));
        request.on("response", (res) => {
          response = res;
          if (res.statusCode !== 200) {
            readBody(res).then(
              (text) => finish(toApiError(res.statusCode ?? 0, text, `watch ${describeResource(r)}`)),
              (err: Error) => finish(err),
            );
            return;
          }
          const lines = createInterface({ input: res, crlfDelay: Number.POSITIVE_INFINITY });
          // readline re-emits the response's errors; they are handled on `res` below.
          lines.on("error", () => {});
          lines.on("line", (line) => {
            if (finished || line.trim() === "") return;
            let ev: WatchEvent<T>;
            try {
              ev = JSON.parse(line) as WatchEvent<T>;
            } catch {
              finish(new Error(`watch ${describeResource(r)}: malformed event line`));
              return;
            }
            onEvent(ev);
          });
          // "aborted" fires when the server drops the connection mid-stream; "end" on a clean end.
          res.on("aborted", () => finish(new Error(`watch ${describeResource(r)}: connection dropped`)));
          res.on("error", (err) => finish(err));
          res.on("end", () => finish());
          res.on("close", () => finish(res.complete ? undefined : new Error("watch connection closed")));
        });
        request.end();
      },
      (err: Error) => finish(err),
    );
    return {
      abort: () => {
        aborted = true;
        if (req) finish();
      },
    };
  }

  /** One request with a JSON body, answering the parsed JSON body or throwing ApiError. */
  async request<T>(
    method: string,
    path: string,
    query?: URLSearchParams,
    body?: unknown,
    contentType = "application/json",
  ): Promise<T> {
    const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const req = await this.open(method, path, query, payload, contentType, true);
    return new Promise<T>((resolve, reject) => {
      req.on("error", reject);
      req.on("timeout", () =>
        req.destroy(new Error(`${method} ${path}: timed out after ${this.timeoutMs} ms`)),
      );
      req.on("response", (res) => {
        readBody(res).then((text) => {
          const code = res.statusCode ?? 0;
          if (code < 200 || code >= 300) {
            reject(toApiError(code, text, `${method} ${path}`));
            return;
          }
          try {
            resolve((text === "" ? {} : JSON.parse(text)) as T);
          } catch {
            reject(new Error(`${method} ${path}: response is not JSON`));
          }
        }, reject);
      });
      req.end(payload);
    });
  }

  close(): void {
    this.agent?.destroy();
    this.watchAgent?.destroy();
    this.agent = undefined;
    this.watchAgent = undefined;
  }

  private makeAgent(tls: https.RequestOptions, base: http.AgentOptions): http.Agent {
    if (this.server.protocol !== "https:") return new http.Agent(base);
    return new https.Agent({
      ...base,
      ca: tls.ca,
      cert: tls.cert,
      key: tls.key,
      servername: tls.servername,
      ...(tls.rejectUnauthorized !== undefined ? { rejectUnauthorized: tls.rejectUnauthorized } : {}),
    });
  }

  private pathOf(r: ResourceType, obj: AnyObject): string {
    const name = obj.metadata?.name;
    if (!name) throw new Error(`${describeResource(r)}: object has no metadata.name`);
    return objectPath(r, obj.metadata?.namespace, name);
  }

  private async open(
    method: string,
    path: string,
    query: URLSearchParams | undefined,
    payload: string | undefined,
    contentType: string | undefined,
    withTimeout: boolean,
  ): Promise<http.ClientRequest> {
    const prepared = await this.prepare();
    const base = this.server.pathname.replace(/\/$/, "");
    const qs = query && query.size > 0 ? `?${query.toString()}` : "";
    const headers: Record<string, string | number> = {
      ...prepared.headers,
      accept: "application/json",
      "user-agent": this.userAgent,
    };
    if (payload !== undefined) {
      headers["content-type"] = contentType ?? "application/json";
      headers["content-length"] = Buffer.byteLength(payload);
    }
    const isTls = this.server.protocol === "https:";
    const options: https.RequestOptions = {
      method,
      host: this.server.hostname.replace(/^\[|\]$/g, ""),
      port: this.server.port || (isTls ? 443 : 80),
      path: `${base}${path}${qs}`,
      headers,
      agent: withTimeout ? this.agent : this.watchAgent,
    };
    if (prepared.auth) options.auth = prepared.auth;
    if (withTimeout) options.timeout = this.timeoutMs;
    return isTls ? https.request(options) : http.request(options);
  }

  /** Credentials and TLS material from the kubeconfig, refreshed every 30 s (rotating tokens). */
  private prepare(): Promise<Prepared> {
    const now = Date.now();
    if (this.prepared && now - this.prepared.at < AUTH_CACHE_MS) return this.prepared.value;
    const value = (async (): Promise<Prepared> => {
      const opts: https.RequestOptions = { headers: {} };
      await this.kc.applyToHTTPSOptions(opts);
      if (!this.agent) {
        this.agent = this.makeAgent(opts, { keepAlive: true, maxSockets: this.maxSockets });
        this.watchAgent = this.makeAgent(opts, { keepAlive: false });
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(opts.headers ?? {})) {
        if (typeof v === "string" || typeof v === "number") headers[k.toLowerCase()] = String(v);
      }
      return opts.auth ? { headers, auth: opts.auth } : { headers };
    })();
    this.prepared = { at: now, value };
    value.catch(() => {
      this.prepared = undefined;
    });
    return value;
  }
}

function readBody(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on("data", (c: Buffer) => chunks.push(c));
    res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    res.on("error", reject);
    res.on("aborted", () => reject(new Error("response aborted")));
  });
}

function toApiError(code: number, text: string, what: string): ApiError {
  let status: Status | undefined;
  try {
    const parsed = JSON.parse(text) as Status;
    if (parsed && typeof parsed === "object") status = parsed;
  } catch {
    // not a Status body; the raw text goes into the message
  }
  const msg = status?.message ?? (text.slice(0, 200) || http.STATUS_CODES[code] || "error");
  return new ApiError(code, `${what}: ${code} ${msg}`, status);
}
