// berth compose up/down/ps/convert against a small recording Kubernetes API server on 127.0.0.1,
// spoken to over real HTTP by @kubernetes/client-node. The server applies server-side-apply
// patches, serves lists by label selector, deletes in two steps (like foreground deletion) and
// plays a controller that makes each Service ready one replica per poll.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { parseAllDocuments } from "yaml";
import { runCompose } from "../../src/controller/compose/index.js";
import { loadCompose } from "../../src/controller/compose/load.js";

const FIXTURE = join(import.meta.dirname, "../fixtures/compose/webapp/compose.yaml");
const ENV = { DB_PASSWORD: "pw" };
const BASE = "/apis/berth.dev/v1alpha1/namespaces/";
const CORE = "/api/v1/namespaces/";

interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | undefined;
  body: unknown;
}

type Obj = {
  metadata: {
    name: string;
    namespace?: string;
    generation?: number;
    labels?: Record<string, string>;
    [k: string]: unknown;
  };
  spec: { replicas?: number; mode?: string; [k: string]: unknown };
  status?: Record<string, unknown>;
  [k: string]: unknown;
};

class RecordingApi {
  readonly requests: Recorded[] = [];
  readonly services = new Map<string, Obj>();
  /** Core objects (claims, secrets, config maps) by "namespace/plural/name". */
  readonly core = new Map<string, Obj>();
  replicas: Obj[] = [];
  /** Services the simulated controller never makes ready, with the Degraded message it reports. */
  readonly stuck = new Map<string, string>();
  /** Deleted Services that are still visible (foreground deletion in progress) for one more GET. */
  private readonly terminating = new Set<string>();
  failApplyWith: number | undefined;
  private server: Server | undefined;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://x");
        const text = Buffer.concat(chunks).toString("utf8");
        const rec: Recorded = {
          method: req.method ?? "",
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          contentType: req.headers["content-type"],
          body: text === "" ? undefined : JSON.parse(text),
        };
        this.requests.push(rec);
        const [code, body] = this.handle(rec);
        res.writeHead(code, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  kubeConfig(namespace = "ctx-ns"): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: "c", server: this.url, skipTLSVerify: true }],
      users: [{ name: "u" }],
      contexts: [{ name: "x", cluster: "c", user: "u", namespace }],
      currentContext: "x",
    });
    return kc;
  }

  private handleCore(r: Recorded): [number, unknown] {
    const [ns, plural, name] = r.path.slice(CORE.length).split("/") as [string, string, string?];
    const key = `${ns}/${plural}/${name}`;
    if (r.method === "GET" && name === undefined) {
      const [k, v] = (r.query.labelSelector ?? "").split("=");
      const items = [...this.core.entries()]
        .filter(([key]) => key.startsWith(`${ns}/${plural}/`))
        .map(([, o]) => o)
        .filter((o) => k === "" || o.metadata.labels?.[k as string] === v);
      return [200, { kind: "List", items }];
    }
    if (r.method === "PATCH") {
      const existed = this.core.has(key);
      this.core.set(key, r.body as Obj);
      return [existed ? 200 : 201, r.body];
    }
    if (r.method === "DELETE") {
      if (!this.core.delete(key)) return notFound(key);
      return [200, { kind: "Status", status: "Success" }];
    }
    return [405, { kind: "Status", code: 405 }];
  }

  private handle(r: Recorded): [number, unknown] {
    if (r.path.startsWith(CORE)) return this.handleCore(r);
    if (!r.path.startsWith(BASE)) return notFound(r.path);
    const [ns, plural, name] = r.path.slice(BASE.length).split("/") as [string, string, string?];
    if (plural === "replicas" && r.method === "GET" && name === undefined) {
      return [200, { kind: "ReplicaList", items: this.replicas.filter((x) => x.metadata.namespace === ns) }];
    }
    if (plural !== "services") return notFound(r.path);
    const key = `${ns}/${name}`;
    if (r.method === "GET" && name === undefined) {
      const [k, v] = (r.query.labelSelector ?? "").split("=");
      const items = [...this.services.values()].filter(
        (s) => s.metadata.namespace === ns && (k === "" || s.metadata.labels?.[k as string] === v),
      );
      for (const s of items) this.simulateController(s);
      return [200, { kind: "ServiceList", items }];
    }
    if (r.method === "GET") {
      const svc = this.services.get(key);
      if (svc && this.terminating.has(key)) {
        this.terminating.delete(key);
        this.services.delete(key);
        return [200, svc];
      }
      return svc ? [200, svc] : notFound(key);
    }
    if (r.method === "PATCH") {
      if (this.failApplyWith !== undefined) {
        return [
          this.failApplyWith,
          { kind: "Status", code: this.failApplyWith, message: "services.berth.dev is forbidden" },
        ];
      }
      const body = r.body as Obj;
      const old = this.services.get(key);
      const changed = JSON.stringify(old?.spec) !== JSON.stringify(body.spec);
      const generation = (old?.metadata.generation ?? 0) + (changed ? 1 : 0);
      const svc: Obj = { ...body, metadata: { ...body.metadata, generation }, status: old?.status ?? {} };
      this.services.set(key, svc);
      return [old ? 200 : 201, svc];
    }
    if (r.method === "DELETE") {
      if (!this.services.has(key)) return notFound(key);
      this.terminating.add(key);
      return [200, { kind: "Status", status: "Success" }];
    }
    return [405, { kind: "Status", code: 405 }];
  }

  private simulateController(svc: Obj): void {
    const desired = svc.spec.replicas ?? 1;
    svc.status ??= {};
    const status = svc.status;
    const stuck = this.stuck.get(svc.metadata.name);
    const ready =
      stuck !== undefined ? 0 : Math.min(desired, ((status.readyReplicas as number | undefined) ?? -1) + 1);
    const available = ready === desired && stuck === undefined;
    Object.assign(status, {
      observedGeneration: svc.metadata.generation,
      desiredReplicas: desired,
      readyReplicas: ready,
      conditions: [
        available
          ? { type: "Available", status: "True", reason: "MinimumReplicasReady", message: "" }
          : {
              type: "Available",
              status: "False",
              reason: "ReplicasNotReady",
              message: `${ready} of ${desired} ready`,
            },
        ...(stuck !== undefined
          ? [{ type: "Degraded", status: "True", reason: "ImagePullFailed", message: stuck }]
          : []),
      ],
    });
  }
}

function notFound(what: string): [number, unknown] {
  return [404, { kind: "Status", code: 404, reason: "NotFound", message: `"${what}" not found` }];
}

class Capture {
  text = "";
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

function fakeClock() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
  };
}

let api: RecordingApi;
beforeAll(async () => {
  api = new RecordingApi();
  await api.start();
});
afterAll(async () => {
  await api.stop();
});
beforeEach(() => {
  api.requests.length = 0;
  api.services.clear();
  api.core.clear();
  api.replicas = [];
  api.stuck.clear();
  api.failApplyWith = undefined;
});

async function compose(argv: string[], opts: { tty?: boolean } = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCompose(argv, {
    stdout,
    stderr,
    tty: opts.tty ?? false,
    env: ENV,
    kubeConfig: api.kubeConfig(),
    pollMs: 1000,
    ...fakeClock(),
  });
  // Conversion warnings are covered by the unit tests; keep the rest of stderr to compare.
  const err = stderr.text
    .split("\n")
    .filter((l) => !l.startsWith("warning: services.") && !l.startsWith("warning: volumes."))
    .join("\n");
  return { code, out: stdout.text, err, warnings: stderr.text };
}

describe("berth compose up", () => {
  test("applies every Service with server-side apply in dependency order, then waits until each is Available", async () => {
    const r = await compose(["up", "-f", FIXTURE, "-n", "shop-ns"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);

    const patches = api.requests.filter((x) => x.method === "PATCH");
    expect(patches.map((p) => p.path)).toEqual([
      `${CORE}shop-ns/persistentvolumeclaims/shop-db-data`,
      ...["db", "cache", "api", "web"].map((n) => `${BASE}shop-ns/services/${n}`),
    ]);
    const plan = loadCompose(FIXTURE, { env: ENV, namespace: "shop-ns" });
    const expected = [...plan.objects, ...plan.resources];
    for (const [i, p] of patches.entries()) {
      expect(p.contentType).toBe("application/apply-patch+yaml");
      expect(p.query).toEqual({ fieldManager: "berth-compose", force: "true" });
      expect(p.body).toEqual(JSON.parse(JSON.stringify(expected[i])));
    }
    // First a list for orphans, the applies, then one list per poll until everything is ready.
    expect(api.requests[0]).toMatchObject({
      method: "GET",
      path: `${BASE}shop-ns/services`,
      query: { labelSelector: "berth.dev/project=shop" },
    });
    expect(api.requests.slice(1, 6).every((x) => x.method === "PATCH")).toBe(true);
    const polls = api.requests.slice(6);
    expect(polls.every((x) => x.method === "GET" && x.query.labelSelector === "berth.dev/project=shop")).toBe(
      true,
    );
    // api has 3 replicas, made ready one per poll: polls 1..4 see 0,1,2,3 ready.
    expect(polls).toHaveLength(4);

    expect(r.out).toContain(
      "applied PersistentVolumeClaim shop-ns/shop-db-data\napplied Service shop-ns/db\napplied Service shop-ns/cache\n",
    );
    expect(r.out).toContain("api: 0/3 ready, ReplicasNotReady: 0 of 3 ready\n");
    expect(r.out).toContain("api: 2/3 ready, ReplicasNotReady: 2 of 3 ready\n");
    expect(r.out).toContain("api: 3/3 ready, available\n");
    expect(r.out).toContain('project "shop" is up: 4 service(s) available\n');
  });

  test("stops at the timeout and names the reason from the conditions", async () => {
    api.stuck.set("web", 'pulling "nginx:1.27": 401 Unauthorized');
    const r = await compose(["up", "-f", FIXTURE, "-n", "shop-ns", "--timeout", "5s"]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'error: Service "web" not available after 5s (0/2 ready): ImagePullFailed: pulling "nginx:1.27": 401 Unauthorized\n',
    );
    // 1 list + 5 applies + polls at t=0..5s.
    expect(api.requests.filter((x) => x.method === "GET")).toHaveLength(7);
  });

  test("a terminal gets one table, redrawn in place", async () => {
    const r = await compose(["up", "-f", FIXTURE, "-n", "shop-ns"], { tty: true });
    expect(r.code).toBe(0);
    expect(r.out).toContain("SERVICE  READY  STATE      REASON\n");
    // Each redraw moves up over the 5 lines of the previous table and clears to the end.
    expect(r.out.split("\x1b[5A\x1b[J")).toHaveLength(4);
    expect(r.out).toMatch(/api {6}3\/3 {4}Available\s*\nweb {6}2\/2 {4}Available\n/);
  });

  test("a second up re-applies and waits for the new generation to be observed", async () => {
    expect((await compose(["up", "-f", FIXTURE, "-n", "shop-ns"])).code).toBe(0);
    api.requests.length = 0;
    const r = await compose(["up", "-f", FIXTURE, "-n", "shop-ns", "-p", "shop"]);
    expect(r.code).toBe(0);
    expect(api.requests.filter((x) => x.method === "PATCH")).toHaveLength(5);
    expect(api.services.get("shop-ns/api")?.metadata.generation).toBe(1);
  });

  test("Services of the project that left the file are reported, not touched", async () => {
    api.services.set("shop-ns/old", {
      metadata: { name: "old", namespace: "shop-ns", labels: { "berth.dev/project": "shop" } },
      spec: { replicas: 1 },
    });
    const r = await compose(["up", "-f", FIXTURE, "-n", "shop-ns"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning: Service "old" of project "shop" is not in the compose file');
    expect(api.requests.some((x) => x.path.endsWith("/services/old") && x.method !== "GET")).toBe(false);
  });

  test("an API refusal fails the command with the server's message", async () => {
    api.failApplyWith = 403;
    const r = await compose(["up", "-f", FIXTURE, "-n", "shop-ns"]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'berth compose: apply Service "shop-ns/db": HTTP 403: services.berth.dev is forbidden\n',
    );
  });

  test("without -n the kubeconfig context's namespace is used", async () => {
    expect((await compose(["up", "-f", FIXTURE])).code).toBe(0);
    expect(api.requests.filter((x) => x.method === "PATCH").map((x) => x.path)).toEqual([
      `${CORE}ctx-ns/persistentvolumeclaims/shop-db-data`,
      ...["db", "cache", "api", "web"].map((n) => `${BASE}ctx-ns/services/${n}`),
    ]);
  });
});

describe("berth compose down", () => {
  test("deletes in reverse dependency order, waiting for each Service to be gone", async () => {
    expect((await compose(["up", "-f", FIXTURE, "-n", "shop-ns"])).code).toBe(0);
    api.requests.length = 0;
    const r = await compose(["down", "-f", FIXTURE, "-n", "shop-ns"]);
    expect(r.code).toBe(0);
    const calls = api.requests.map(
      (x) =>
        `${x.method} ${x.path.startsWith(CORE) ? x.path.slice(CORE.length + "shop-ns/".length) : x.path.slice(BASE.length)}`,
    );
    expect(calls).toEqual([
      "GET shop-ns/services",
      ...["web", "api", "cache", "db"].flatMap((n) => [
        `DELETE shop-ns/services/${n}`,
        `GET shop-ns/services/${n}`,
        `GET shop-ns/services/${n}`,
      ]),
      "GET configmaps",
      "GET secrets",
      "GET persistentvolumeclaims",
    ]);
    for (const d of api.requests.filter((x) => x.method === "DELETE")) {
      expect(d.query).toEqual({ propagationPolicy: "Foreground" });
    }
    expect(api.services.size).toBe(0);
    expect(r.out).toBe(
      `${["web", "api", "cache", "db"].map((n) => `removed Service shop-ns/${n}\n`).join("")}kept PersistentVolumeClaim shop-ns/shop-db-data (berth compose down -v removes it)\n`,
    );
    expect([...api.core.keys()]).toEqual(["shop-ns/persistentvolumeclaims/shop-db-data"]);
  });

  test("-v removes the project's claims too, and only the project's", async () => {
    expect((await compose(["up", "-f", FIXTURE, "-n", "shop-ns"])).code).toBe(0);
    api.core.set("shop-ns/persistentvolumeclaims/other", {
      metadata: { name: "other", labels: { "berth.dev/project": "other" } },
      spec: {},
    });
    const r = await compose(["down", "-v", "-p", "shop", "-n", "shop-ns"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "removed Service shop-ns/db\nremoved PersistentVolumeClaim shop-ns/shop-db-data\n",
    );
    expect([...api.core.keys()]).toEqual(["shop-ns/persistentvolumeclaims/other"]);
  });

  test("with only -p the compose file is not needed, and an empty project is not an error", async () => {
    const r = await compose(["down", "-p", "nothing-here", "-n", "shop-ns"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('nothing to remove: no Services of project "nothing-here" in namespace "shop-ns"\n');
  });
});

describe("berth compose ps", () => {
  test("lists the project's Services and their Replicas", async () => {
    expect((await compose(["up", "-f", FIXTURE, "-n", "shop-ns"])).code).toBe(0);
    const replica = (service: string, slot: number, status: Record<string, unknown>): Obj => ({
      metadata: { name: `${service}-${slot}`, namespace: "shop-ns" },
      spec: { service, slot, revision: "abc" } as Obj["spec"],
      status,
    });
    api.replicas = [
      replica("api", 2, {
        phase: "Starting",
        podName: "api-2-x1",
        nodeName: "n2",
        ready: false,
        restarts: 1,
      }),
      replica("api", 1, { phase: "Running", podName: "api-1-x0", nodeName: "n1", ready: true }),
      replica("db", 1, { phase: "Running", podName: "db-1-y0", nodeName: "n1", ready: true }),
      { ...replica("other", 1, {}), metadata: { name: "other-1", namespace: "shop-ns" } },
    ];
    const r = await compose(["ps", "-p", "shop", "-n", "shop-ns"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        "SERVICE  MODE        READY  STATE",
        "api      Replicated  3/3    Available",
        "cache    Replicated  1/1    Available",
        "db       Replicated  1/1    Available",
        "web      Replicated  2/2    Available",
        "",
        "SERVICE  REPLICA  PHASE     POD       NODE  READY  RESTARTS",
        "api      api-1    Running   api-1-x0  n1    true   0",
        "api      api-2    Starting  api-2-x1  n2    false  1",
        "db       db-1     Running   db-1-y0   n1    true   0",
        "",
      ].join("\n"),
    );
  });
});

describe("berth compose convert and arguments", () => {
  test("convert prints multi-document YAML on stdout and warnings on stderr", async () => {
    const r = await compose(["convert", "-f", FIXTURE]);
    expect(r.code).toBe(0);
    const docs = parseAllDocuments(r.out).map((d) => d.toJS() as Obj);
    expect(docs.map((d) => `${d.kind} ${d.metadata.name}`)).toEqual([
      "PersistentVolumeClaim shop-db-data",
      ...["db", "cache", "api", "web"].map((n) => `Service ${n}`),
    ]);
    const plan = loadCompose(FIXTURE, { env: ENV });
    expect(docs).toEqual(JSON.parse(JSON.stringify([...plan.objects, ...plan.resources])));
    expect(r.warnings).toContain(
      'warning: services.web.ports[1]: host IP "127.0.0.1" not supported, ignored\n',
    );
    expect(api.requests).toHaveLength(0);
  });

  test("an invalid file fails with its path and nothing is sent", async () => {
    const r = await compose([
      "up",
      "-f",
      join(import.meta.dirname, "../fixtures/compose/invalid/cycle.yaml"),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toBe("berth compose: services.a.depends_on: dependency cycle: a -> b -> a\n");
    expect(api.requests).toHaveLength(0);
  });

  test("bad arguments print the usage and exit 2", async () => {
    const r = await compose(["launch"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "launch"');
    expect(r.err).toContain("usage: berth compose");
    expect((await compose(["up", "--timeout", "soon"])).code).toBe(2);
    expect((await compose(["--help"])).out).toContain("usage: berth compose");
  });
});

afterEach(() => {
  api.stuck.clear();
});
