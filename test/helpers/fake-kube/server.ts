// An in-process fake of the Kubernetes API server's HTTP surface, for tests and the benchmark:
// client-node and the controller talk to it over real HTTP on 127.0.0.1.
//
// Supported: list (labelSelector, fieldSelector; no pagination: `limit`/`continue` are ignored),
// watch (chunked JSON lines from a resourceVersion, ADDED/MODIFIED/DELETED/BOOKMARK, ERROR 410 for a
// compacted resourceVersion, `timeoutSeconds`), get, create (generateName), update (PUT), merge / JSON /
// strategic-merge (treated as merge) / apply patches, delete with preconditions, finalizers and
// ownerReference garbage collection, the status subresource, minimal discovery.
//
// Server-side apply is simplified: the applied YAML/JSON is merge-patched onto the object (creating
// it when missing); there is no field ownership, so conflicts between managers are never reported.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { KubeConfig } from "@kubernetes/client-node";
import { parse as parseYaml } from "yaml";
import type { KubeObject } from "../../../src/controller/kube/object.js";
import {
  BERTH_REPLICAS,
  BERTH_SERVICES,
  CONTROLLER_REVISIONS,
  CORE_SERVICES,
  EVENTS,
  LEASES,
  NODES,
  PODS,
} from "../../../src/controller/kube/resources.js";
import { jsonPatch, mergePatch, PatchError } from "./patch.js";
import { type Change, FakeApiError, type FakeResource, FakeStore, matches, selectors } from "./store.js";

export const FAKE_RESOURCES: FakeResource[] = [
  { ...PODS, statusSubresource: true, initialStatus: () => ({ phase: "Pending" }) },
  { ...CORE_SERVICES, statusSubresource: true, initialStatus: () => ({ loadBalancer: {} }) },
  { ...NODES, statusSubresource: true, initialStatus: () => ({}) },
  { ...EVENTS, statusSubresource: false },
  { ...CONTROLLER_REVISIONS, statusSubresource: false },
  { ...LEASES, statusSubresource: false },
  { ...BERTH_SERVICES, statusSubresource: true },
  { ...BERTH_REPLICAS, statusSubresource: true },
];

export interface FakeKubeOptions {
  historyLimit?: number;
  /** How often open watches that asked for bookmarks receive one (default 1 s). */
  bookmarkIntervalMs?: number;
}

interface Failure {
  remaining: number;
  code: number;
  match: (method: string, path: string) => boolean;
}

export interface RequestRecord {
  method: string;
  path: string;
  code: number;
}

export class FakeKube {
  readonly store: FakeStore;
  /** Every request answered, in order (method, path without query, status code). */
  readonly requests: RequestRecord[] = [];
  private server: Server | undefined;
  private readonly watches = new Set<ServerResponse>();
  private readonly sockets = new Set<Socket>();
  private failures: Failure[] = [];
  private readonly bookmarkIntervalMs: number;
  url = "";

  constructor(opts: FakeKubeOptions = {}) {
    this.store = new FakeStore({ historyLimit: opts.historyLimit });
    this.bookmarkIntervalMs = opts.bookmarkIntervalMs ?? 1000;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) send(res, 500, { kind: "Status", code: 500, message: String(err) });
      });
    });
    server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A KubeConfig whose current context points at this server. */
  kubeConfig(): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: "fake", server: this.url, skipTLSVerify: true }],
      users: [{ name: "fake" }],
      contexts: [{ name: "fake", cluster: "fake", user: "fake", namespace: "default" }],
      currentContext: "fake",
    });
    return kc;
  }

  /** Fault injection: the next `n` requests matching answer `code` (default 500). */
  failNext(n: number, opts: { code?: number; method?: string; pathIncludes?: string } = {}): void {
    this.failures.push({
      remaining: n,
      code: opts.code ?? 500,
      match: (method, path) =>
        (opts.method === undefined || opts.method === method) &&
        (opts.pathIncludes === undefined || path.includes(opts.pathIncludes)),
    });
  }

  clearFailures(): void {
    this.failures = [];
  }

  /** Fault injection: cuts every open watch connection mid-stream (no clean end of the response). */
  dropWatches(): number {
    const n = this.watches.size;
    for (const res of this.watches) res.socket?.destroy();
    this.watches.clear();
    return n;
  }

  get openWatches(): number {
    return this.watches.size;
  }

  resource(plural: string, group = ""): FakeResource {
    const r = FAKE_RESOURCES.find((x) => x.plural === plural && x.group === group);
    if (!r) throw new Error(`fake kube: unknown resource ${plural}.${group}`);
    return r;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    const body = await readBody(req);
    const record = (code: number): void => {
      this.requests.push({ method, path: url.pathname, code });
    };
    const failure = this.failures.find((f) => f.remaining > 0 && f.match(method, url.pathname));
    if (failure) {
      failure.remaining--;
      this.failures = this.failures.filter((f) => f.remaining > 0);
      record(failure.code);
      const err = new FakeApiError(failure.code, "InternalError", `injected failure (${failure.code})`);
      send(res, failure.code, err.toStatus());
      return;
    }
    try {
      const out = this.route(method, url, req, res, body);
      if (out === "streaming") {
        record(200);
        return;
      }
      record(out.code);
      send(res, out.code, out.body);
    } catch (err) {
      const e =
        err instanceof FakeApiError
          ? err
          : err instanceof PatchError
            ? new FakeApiError(422, "Invalid", err.message)
            : new FakeApiError(500, "InternalError", String(err));
      record(e.code);
      send(res, e.code, e.toStatus());
    }
  }

  private route(
    method: string,
    url: URL,
    req: IncomingMessage,
    res: ServerResponse,
    body: string,
  ): { code: number; body: unknown } | "streaming" {
    const segs = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    if (segs[0] === "version")
      return { code: 200, body: { major: "1", minor: "31", gitVersion: "v1.31.0-fake" } };
    let group: string;
    let version: string;
    let rest: string[];
    if (segs[0] === "api") {
      if (segs.length === 1) return { code: 200, body: { kind: "APIVersions", versions: ["v1"] } };
      group = "";
      version = segs[1] as string;
      rest = segs.slice(2);
    } else if (segs[0] === "apis") {
      if (segs.length === 1) return { code: 200, body: this.groupList() };
      group = segs[1] as string;
      version = segs[2] ?? "";
      rest = segs.slice(3);
    } else {
      throw new FakeApiError(
        404,
        "NotFound",
        `the server could not find the requested resource (${url.pathname})`,
      );
    }
    if (rest.length === 0) return { code: 200, body: this.resourceList(group, version) };
    let namespace: string | undefined;
    if (rest[0] === "namespaces" && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const [plural, name, sub] = rest as [string, string | undefined, string | undefined];
    const r = FAKE_RESOURCES.find((x) => x.group === group && x.version === version && x.plural === plural);
    if (!r || (namespace !== undefined && !r.namespaced)) {
      throw new FakeApiError(
        404,
        "NotFound",
        `the server could not find the requested resource (${url.pathname})`,
      );
    }
    if (sub !== undefined && (sub !== "status" || !r.statusSubresource)) {
      throw new FakeApiError(
        404,
        "NotFound",
        `the server could not find the requested resource (${url.pathname})`,
      );
    }
    const subresource = sub === "status" ? "status" : undefined;
    const q = url.searchParams;
    const s = this.store;
    if (name === undefined) {
      if (method === "GET" && q.get("watch") === "true") {
        this.watch(r, namespace, q, req, res);
        return "streaming";
      }
      if (method === "GET") {
        const sel = selectors(namespace, q.get("labelSelector"), q.get("fieldSelector"));
        const { items, resourceVersion } = s.list(r, sel);
        return {
          code: 200,
          body: {
            kind: `${r.kind}List`,
            apiVersion: r.group === "" ? r.version : `${r.group}/${r.version}`,
            metadata: { resourceVersion },
            items,
          },
        };
      }
      if (method === "POST") {
        if (r.namespaced && namespace === undefined)
          throw new FakeApiError(405, "MethodNotAllowed", "create needs a namespace in the path");
        return { code: 201, body: s.create(r, namespace, parseJson(body)) };
      }
      throw new FakeApiError(405, "MethodNotAllowed", `${method} is not supported on a collection`);
    }
    switch (method) {
      case "GET":
        return { code: 200, body: s.get(r, namespace, name) };
      case "PUT":
        return { code: 200, body: s.update(r, namespace, name, parseJson(body), subresource) };
      case "PATCH":
        return this.patch(r, namespace, name, subresource, req.headers["content-type"] ?? "", body);
      case "DELETE": {
        const opts = body.trim() === "" ? {} : (parseJson(body) as DeleteOptions);
        const gone = s.delete(r, namespace, name, {
          uid: opts.preconditions?.uid,
          resourceVersion: opts.preconditions?.resourceVersion,
          propagationPolicy: opts.propagationPolicy ?? q.get("propagationPolicy") ?? undefined,
        });
        return { code: 200, body: gone };
      }
      default:
        throw new FakeApiError(405, "MethodNotAllowed", `${method} is not supported`);
    }
  }

  private patch(
    r: FakeResource,
    namespace: string | undefined,
    name: string,
    subresource: "status" | undefined,
    contentType: string,
    body: string,
  ): { code: number; body: unknown } {
    const type = contentType.split(";")[0]?.trim();
    if (type === "application/apply-patch+yaml") {
      const applied = parseYaml(body) as KubeObject;
      try {
        this.store.get(r, namespace, name);
      } catch (err) {
        if (err instanceof FakeApiError && err.code === 404 && subresource === undefined) {
          return {
            code: 201,
            body: this.store.create(r, namespace, { ...applied, metadata: { ...applied.metadata, name } }),
          };
        }
        throw err;
      }
      return {
        code: 200,
        body: this.store.modify(
          r,
          namespace,
          name,
          (cur) => mergePatch(cur, applied) as KubeObject,
          subresource,
        ),
      };
    }
    const patch = parseJson(body);
    let apply: (cur: KubeObject) => KubeObject;
    if (type === "application/merge-patch+json" || type === "application/strategic-merge-patch+json") {
      apply = (cur) => mergePatch(cur, patch) as KubeObject;
    } else if (type === "application/json-patch+json") {
      apply = (cur) => jsonPatch(cur, patch) as KubeObject;
    } else {
      throw new FakeApiError(
        415,
        "UnsupportedMediaType",
        `the body of the request was in an unknown format: ${type}`,
      );
    }
    return { code: 200, body: this.store.modify(r, namespace, name, apply, subresource) };
  }

  private watch(
    r: FakeResource,
    namespace: string | undefined,
    q: URLSearchParams,
    req: IncomingMessage,
    res: ServerResponse,
  ): void {
    const sel = selectors(namespace, q.get("labelSelector"), q.get("fieldSelector"));
    const rvParam = q.get("resourceVersion");
    res.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
    const write = (type: string, object: unknown): void => {
      res.write(`${JSON.stringify({ type, object })}\n`);
    };
    const deliver = (c: Change): void => {
      if (c.res !== r) return;
      const now = matches(sel, c.object);
      const before = c.old ? matches(sel, c.old) : false;
      if (c.type === "MODIFIED") {
        if (now && before) write("MODIFIED", c.object);
        else if (now) write("ADDED", c.object);
        else if (before) write("DELETED", c.object);
      } else if (now) {
        write(c.type, c.object);
      }
    };
    if (rvParam === null || rvParam === "" || rvParam === "0") {
      for (const obj of this.store.list(r, sel).items) write("ADDED", obj);
    } else {
      const since = this.store.changesSince(r, Number(rvParam));
      if (since === undefined) {
        const gone = new FakeApiError(
          410,
          "Expired",
          `too old resource version: ${rvParam} (${this.store.resourceVersion})`,
        );
        write("ERROR", gone.toStatus());
        res.end();
        return;
      }
      for (const c of since) deliver(c);
    }
    const unsubscribe = this.store.subscribe(deliver);
    this.watches.add(res);
    const timers: NodeJS.Timeout[] = [];
    if (q.get("allowWatchBookmarks") === "true") {
      timers.push(
        setInterval(() => {
          write("BOOKMARK", {
            kind: r.kind,
            apiVersion: r.group === "" ? r.version : `${r.group}/${r.version}`,
            metadata: { resourceVersion: this.store.resourceVersion },
          });
        }, this.bookmarkIntervalMs),
      );
    }
    const timeout = Number(q.get("timeoutSeconds") ?? "");
    if (timeout > 0) timers.push(setTimeout(() => res.end(), timeout * 1000));
    const cleanup = (): void => {
      unsubscribe();
      for (const t of timers) clearTimeout(t);
      this.watches.delete(res);
    };
    res.on("close", cleanup);
    req.on("close", cleanup);
  }

  private groupList(): unknown {
    const groups = [
      ...new Set(FAKE_RESOURCES.filter((r) => r.group !== "").map((r) => `${r.group}/${r.version}`)),
    ];
    return {
      kind: "APIGroupList",
      apiVersion: "v1",
      groups: groups.map((gv) => {
        const [name, version] = gv.split("/") as [string, string];
        const v = { groupVersion: gv, version };
        return { name, versions: [v], preferredVersion: v };
      }),
    };
  }

  private resourceList(group: string, version: string): unknown {
    const rs = FAKE_RESOURCES.filter((r) => r.group === group && r.version === version);
    if (rs.length === 0) throw new FakeApiError(404, "NotFound", `no resources in ${group}/${version}`);
    const verbs = ["create", "delete", "get", "list", "patch", "update", "watch"];
    return {
      kind: "APIResourceList",
      apiVersion: "v1",
      groupVersion: group === "" ? version : `${group}/${version}`,
      resources: rs.flatMap((r) => [
        { name: r.plural, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind, verbs },
        ...(r.statusSubresource
          ? [
              {
                name: `${r.plural}/status`,
                singularName: "",
                namespaced: r.namespaced,
                kind: r.kind,
                verbs: ["get", "patch", "update"],
              },
            ]
          : []),
      ]),
    };
  }
}

interface DeleteOptions {
  propagationPolicy?: string;
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** Starts a fake API server on 127.0.0.1 with a free port. */
export function startFakeKube(opts: FakeKubeOptions = {}): Promise<FakeKube> {
  return new FakeKube(opts).start();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(body: string): KubeObject {
  try {
    const v = JSON.parse(body) as unknown;
    if (v === null || typeof v !== "object") throw new Error("not an object");
    return v as KubeObject;
  } catch (err) {
    throw new FakeApiError(400, "BadRequest", `request body is not a JSON object: ${(err as Error).message}`);
  }
}

function send(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
