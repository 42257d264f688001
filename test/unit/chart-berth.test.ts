// The Helm chart, checked without a Helm binary: values against values.schema.json (bad values
// rejected as `helm install` would), and each template's YAML structure for the settings issue 8
// requires (security context, probes, least-privilege RBAC, CRDs covered). `helm lint`,
// `helm template` and `helm install` are run by hack/kind/run.sh where Helm and Docker exist.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ErrorObject } from "ajv";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, parse as parseYaml } from "yaml";

const CHART = join(import.meta.dirname, "../../charts/berth");

type Values = Record<string, unknown>;

function readChartFile(rel: string): string {
  return readFileSync(join(CHART, rel), "utf8");
}

function chartYaml(rel: string): Values {
  return parseYaml(readChartFile(rel)) as Values;
}

function defaultValues(): Values {
  return chartYaml("values.yaml");
}

function ciValueFiles(): string[] {
  return readdirSync(join(CHART, "ci")).filter((f) => f.endsWith("-values.yaml"));
}

const isMap = (v: unknown): v is Values => typeof v === "object" && v !== null && !Array.isArray(v);

/** Helm's coalescing of user values over the chart's: maps merge key by key, null deletes a key. */
function mergeValues(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else if (isMap(v) && isMap(out[k])) out[k] = mergeValues(out[k] as Values, v);
    else out[k] = v;
  }
  return out;
}

const schema = JSON.parse(readChartFile("values.schema.json")) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** Validates values as `helm install` does (defaults coalesced first); returns the error texts. */
function schemaErrors(overrides: Values): string[] {
  const merged = mergeValues(defaultValues(), overrides);
  if (validate(merged)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name?: string; namespace?: string; labels?: unknown };
  [key: string]: unknown;
}

const ACTION_LINE = /^\s*\{\{-?.*?-?\}\}\s*$/;
const ACTION = /\{\{-?.*?-?\}\}/g;
const PLACEHOLDER = "TEMPLATED";

/**
 * The YAML structure of a template: lines that are only an action (if/with/range/end, include,
 * toYaml) are dropped, inline actions become a placeholder. Alternative branches of an if/else
 * may repeat a key, so duplicates are allowed and the last one wins.
 */
function templateObjects(name: string): K8sObject[] {
  const text = readChartFile(join("templates", name))
    .split("\n")
    .filter((line) => !ACTION_LINE.test(line))
    .map((line) => line.replace(ACTION, PLACEHOLDER))
    .join("\n");
  return parseAllDocuments(text, { uniqueKeys: false })
    .map((d) => {
      if (d.errors.length) throw new Error(`templates/${name}: ${d.errors.map((e) => e.message).join("; ")}`);
      return d.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

function templateFiles(): string[] {
  return readdirSync(join(CHART, "templates")).filter((f) => f.endsWith(".yaml"));
}

interface CrdInfo {
  group: string;
  plural: string;
  subresources: string[];
}

function crds(): CrdInfo[] {
  return readdirSync(join(CHART, "crds"))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => {
      const doc = chartYaml(join("crds", f)) as {
        spec: {
          group: string;
          names: { plural: string };
          versions: { subresources?: Record<string, unknown> }[];
        };
      };
      const subs = new Set<string>();
      for (const v of doc.spec.versions) for (const s of Object.keys(v.subresources ?? {})) subs.add(s);
      return { group: doc.spec.group, plural: doc.spec.names.plural, subresources: [...subs] };
    });
}

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

function rulesOf(kind: "ClusterRole" | "Role"): Rule[] {
  return templateObjects("rbac.yaml")
    .filter((o) => o.kind === kind)
    .flatMap((o) => o.rules as Rule[]);
}

/** Verbs granted on group/resource by a set of rules (resourceNames-limited ones included). */
function verbsFor(rules: Rule[], group: string, resource: string): Set<string> {
  const verbs = new Set<string>();
  for (const r of rules)
    if (r.apiGroups.includes(group) && r.resources.includes(resource)) for (const v of r.verbs) verbs.add(v);
  return verbs;
}

function deploymentPodSpec(): Values {
  const [dep] = templateObjects("deployment.yaml");
  expect(dep?.kind).toBe("Deployment");
  return (dep as unknown as { spec: { template: { spec: Values } } }).spec.template.spec;
}

function controllerContainer(): Values {
  const containers = deploymentPodSpec().containers as Values[];
  const c = containers.find((x) => x.name === "controller");
  if (!c) throw new Error("deployment has no controller container");
  return c;
}

describe("chart metadata", () => {
  it("Chart.yaml is apiVersion v2 with a kubeVersion constraint from 1.24 and the package's version", () => {
    const chart = chartYaml("Chart.yaml");
    const pkg = JSON.parse(readFileSync(join(CHART, "../../package.json"), "utf8")) as { version: string };
    expect(chart.apiVersion).toBe("v2");
    expect(chart.name).toBe("berth");
    expect(chart.kubeVersion).toBe(">=1.24.0-0");
    expect(chart.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(chart.appVersion).toBe(pkg.version);
  });

  it("ships both berth.dev CRDs in crds/ so Helm installs them before the templates", () => {
    const names = crds().map((c) => `${c.plural}.${c.group}`);
    expect(names.sort()).toEqual(["replicas.berth.dev", "services.berth.dev"]);
  });

  it("NOTES.txt names the CRDs, the Lease and how to check the rollout", () => {
    const notes = readChartFile("templates/NOTES.txt");
    expect(notes).toContain("services.berth.dev");
    expect(notes).toContain("replicas.berth.dev");
    expect(notes).toContain("get lease");
    expect(notes).toContain("rollout status");
  });
});

describe("values.schema.json", () => {
  it("accepts the default values", () => {
    expect(schemaErrors({})).toEqual([]);
  });

  it.each(ciValueFiles())("accepts the example values in ci/%s", (file) => {
    const values = (chartYaml(join("ci", file)) ?? {}) as Values;
    expect(schemaErrors(values)).toEqual([]);
  });

  it("defaults to two replicas with leader election and the 15s/10s/2s lease timings", () => {
    const v = defaultValues() as {
      replicaCount: number;
      controller: { leaderElection: Record<string, unknown> };
    };
    expect(v.replicaCount).toBe(2);
    expect(v.controller.leaderElection).toMatchObject({
      enabled: true,
      leaseDuration: "15s",
      renewDeadline: "10s",
      retryPeriod: "2s",
    });
  });

  const bad: [string, Values, RegExp][] = [
    ["a replica count that is not a number", { replicaCount: "two" }, /\/replicaCount must be integer/],
    [
      "several replicas without leader election",
      { replicaCount: 3, controller: { leaderElection: { enabled: false } } },
      /\/controller\/leaderElection\/enabled must be equal to constant/,
    ],
    ["an unknown top-level key (a typo)", { replicas: 3 }, /must NOT have additional properties/],
    ["an unknown nested key", { controller: { leaderElect: true } }, /\/controller must NOT have additional/],
    [
      "an unknown log level",
      { controller: { logLevel: "verbose" } },
      /\/controller\/logLevel must be equal to one of/,
    ],
    ["a pull policy Kubernetes does not know", { image: { pullPolicy: "Sometimes" } }, /\/image\/pullPolicy/],
    ["a malformed digest", { image: { digest: "sha256:xyz" } }, /\/image\/digest must match pattern/],
    [
      "a lease duration without a unit",
      { controller: { leaderElection: { leaseDuration: "15" } } },
      /\/controller\/leaderElection\/leaseDuration must match pattern/,
    ],
    ["a port out of range", { metrics: { port: 70000 } }, /\/metrics\/port must be <= 65535/],
    [
      "privilege escalation",
      { securityContext: { allowPrivilegeEscalation: true } },
      /\/securityContext\/allowPrivilegeEscalation must be equal to constant/,
    ],
    [
      "running as root",
      { podSecurityContext: { runAsNonRoot: false } },
      /\/podSecurityContext\/runAsNonRoot must be equal to constant/,
    ],
    [
      "capabilities not all dropped",
      { securityContext: { capabilities: { drop: ["NET_RAW"] } } },
      /\/securityContext\/capabilities\/drop must contain/,
    ],
    [
      "added capabilities",
      { securityContext: { capabilities: { drop: ["ALL"], add: ["NET_ADMIN"] } } },
      /\/securityContext\/capabilities\/add must NOT have more than 0 items/,
    ],
    ["an anti-affinity mode that does not exist", { podAntiAffinity: "strict" }, /\/podAntiAffinity/],
    [
      "a malformed resource quantity",
      { resources: { limits: { memory: "lots" } } },
      /\/resources\/limits\/memory/,
    ],
    [
      "a bad PDB percentage",
      { podDisruptionBudget: { minAvailable: "half" } },
      /\/podDisruptionBudget\/minAvailable/,
    ],
  ];
  it.each(bad)("rejects %s", (_what, values, message) => {
    const errors = schemaErrors(values);
    expect(errors.join("\n")).toMatch(message);
  });

  it("lets one replica run without leader election", () => {
    expect(schemaErrors({ replicaCount: 1, controller: { leaderElection: { enabled: false } } })).toEqual([]);
  });

  it("documents every values.yaml key in the schema (no key escapes validation)", () => {
    const walk = (values: Values, props: Values, path: string): string[] =>
      Object.entries(values).flatMap(([k, v]) => {
        const p = props[k] as { properties?: Values; $ref?: string } | undefined;
        if (!p) return [`${path}${k}`];
        return isMap(v) && p.properties ? walk(v, p.properties, `${path}${k}.`) : [];
      });
    expect(walk(defaultValues(), schema.properties as Values, "")).toEqual([]);
  });
});

describe("templates", () => {
  it("every template file is YAML once its actions are stripped", () => {
    for (const f of templateFiles()) expect(() => templateObjects(f), f).not.toThrow();
    expect(templateFiles()).toEqual(
      expect.arrayContaining([
        "deployment.yaml",
        "rbac.yaml",
        "service.yaml",
        "servicemonitor.yaml",
        "pdb.yaml",
      ]),
    );
  });

  it("every template's actions are closed and its if/with/range/define blocks balanced", () => {
    for (const f of [...templateFiles(), "_helpers.tpl", "NOTES.txt"]) {
      const text = readChartFile(join("templates", f));
      expect(text.split("{{").length, `${f}: {{ vs }}`).toBe(text.split("}}").length);
      const actions = [...text.matchAll(/\{\{-?\s*(\/\*[\s\S]*?\*\/|[^}]*?)\s*-?\}\}/g)].map(
        (m) => m[1] ?? "",
      );
      let depth = 0;
      for (const a of actions) {
        if (/^(if|with|range|define)\b/.test(a)) depth++;
        else if (/^end\b/.test(a)) depth--;
        expect(depth, `${f}: an {{ end }} without its block`).toBeGreaterThanOrEqual(0);
      }
      expect(depth, `${f}: blocks left open`).toBe(0);
    }
  });

  it("every .Values path a template uses is declared in the schema", () => {
    const props = schema.properties as Values;
    const missing: string[] = [];
    for (const f of [...templateFiles(), "_helpers.tpl", "NOTES.txt"]) {
      const text = readChartFile(join("templates", f));
      for (const m of text.matchAll(/\.Values((?:\.[A-Za-z][A-Za-z0-9_]*)+)/g)) {
        let node: Values | undefined = { properties: props };
        for (const key of (m[1] as string).slice(1).split(".")) {
          const next = (node?.properties as Values | undefined)?.[key] as Values | undefined;
          if (!next) {
            missing.push(`${f}: .Values${m[1]}`);
            break;
          }
          node = next;
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("the Deployment runs `berth controller` with leader election and the health and metrics addresses", () => {
    const c = controllerContainer();
    const args = c.args as string[];
    expect(args[0]).toBe("controller");
    for (const flag of [
      "--leader-elect=",
      "--lease-name=",
      "--lease-namespace=",
      "--lease-duration=",
      "--renew-deadline=",
      "--retry-period=",
      "--metrics-address=:",
      "--health-address=:",
      "--workers=",
      "--log-level=",
    ])
      expect(
        args.some((a) => a.startsWith(flag)),
        flag,
      ).toBe(true);
    const ports = (c.ports as { name: string }[]).map((p) => p.name);
    expect(ports).toEqual(["metrics", "health"]);
  });

  it("probes /healthz for liveness and /readyz for readiness on the health port", () => {
    const c = controllerContainer() as {
      livenessProbe: { httpGet: { path: string; port: string } };
      readinessProbe: { httpGet: { path: string; port: string } };
    };
    expect(c.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "health" });
    expect(c.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "health" });
  });

  it("applies the restricted security context and resources from values", () => {
    const dep = readChartFile("templates/deployment.yaml");
    expect(dep).toMatch(/securityContext:\n\s+\{\{- toYaml \.Values\.podSecurityContext/);
    expect(dep).toMatch(/securityContext:\n\s+\{\{- toYaml \.Values\.securityContext/);
    expect(dep).toMatch(/resources:\n\s+\{\{- toYaml \.Values\.resources/);
    const v = defaultValues() as {
      securityContext: Values;
      podSecurityContext: Values;
      resources: { requests: Values; limits: Values };
    };
    expect(v.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(v.podSecurityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532 });
    expect(v.resources.requests.cpu).toBeDefined();
    expect(v.resources.requests.memory).toBeDefined();
    expect(v.resources.limits.memory).toBeDefined();
  });

  it("prefers spreading replicas over nodes by default", () => {
    const spec = deploymentPodSpec() as {
      affinity: { podAntiAffinity: Record<string, { podAffinityTerm?: { topologyKey: string } }[]> };
    };
    expect(defaultValues().podAntiAffinity).toBe("soft");
    const dep = readChartFile("templates/deployment.yaml");
    const soft = dep.slice(dep.indexOf('eq .Values.podAntiAffinity "soft"'));
    expect(soft).toMatch(/^[\s\S]*?preferredDuringSchedulingIgnoredDuringExecution/);
    expect(spec.affinity.podAntiAffinity).toBeDefined();
  });

  it("the ClusterRole covers every CRD resource and subresource the controller writes, and nothing broader", () => {
    const rules = rulesOf("ClusterRole");
    for (const crd of crds()) {
      expect([...verbsFor(rules, crd.group, crd.plural)]).toEqual(
        expect.arrayContaining(["get", "list", "watch", "update", "patch"]),
      );
      for (const sub of crd.subresources)
        expect(verbsFor(rules, crd.group, `${crd.plural}/${sub}`).has("update"), `${crd.plural}/${sub}`).toBe(
          true,
        );
    }
    expect(verbsFor(rules, "berth.dev", "replicas").has("create")).toBe(true);
    for (const [group, resource] of [
      ["", "pods"],
      ["", "services"],
      ["apps", "controllerrevisions"],
    ] as const)
      expect([...verbsFor(rules, group, resource)]).toEqual(
        expect.arrayContaining(["get", "list", "watch", "create", "update", "patch", "delete"]),
      );
    expect([...verbsFor(rules, "", "nodes")].sort()).toEqual(["get", "list", "watch"]);
    expect([...verbsFor(rules, "", "events")].sort()).toEqual(["create", "patch"]);
    for (const r of rules) {
      expect(r.verbs).not.toContain("*");
      expect(r.resources).not.toContain("*");
      expect(r.apiGroups).not.toContain("*");
    }
    for (const forbidden of ["secrets", "configmaps", "leases"])
      expect(
        rules.some((r) => r.resources.includes(forbidden)),
        forbidden,
      ).toBe(false);
  });

  it("the Lease is reachable only through a Role in the release namespace, limited to its name", () => {
    const roles = templateObjects("rbac.yaml").filter((o) => o.kind === "Role");
    expect(roles).toHaveLength(1);
    expect(roles[0]?.metadata.namespace).toBe(PLACEHOLDER);
    expect(readChartFile("templates/rbac.yaml")).toMatch(
      /kind: Role\nmetadata:[\s\S]*?namespace: \{\{ \.Release\.Namespace \}\}/,
    );
    const rules = rulesOf("Role");
    for (const r of rules) expect(r.apiGroups).toEqual(["coordination.k8s.io"]);
    const named = rules.filter((r) => r.resourceNames);
    expect(named.flatMap((r) => r.verbs)).toEqual(expect.arrayContaining(["get", "update"]));
    const unnamed = rules.filter((r) => !r.resourceNames);
    expect(unnamed.flatMap((r) => r.verbs)).toEqual(["create"]);
  });

  it("the metrics Service selects the controller Pods and targets the named metrics port", () => {
    const [svc] = templateObjects("service.yaml");
    expect(svc?.kind).toBe("Service");
    const spec = svc?.spec as { ports: { name: string; targetPort: string }[] };
    expect(spec.ports[0]).toMatchObject({ name: "metrics", targetPort: "metrics" });
    expect(readChartFile("templates/service.yaml")).toContain('include "berth.selectorLabels"');
  });

  it("the ServiceMonitor renders when enabled or when the monitoring.coreos.com/v1 API exists", () => {
    const helpers = readChartFile("templates/_helpers.tpl");
    expect(helpers).toContain('.Capabilities.APIVersions.Has "monitoring.coreos.com/v1/ServiceMonitor"');
    expect(helpers).toMatch(/or \$sm\.enabled \(and \$sm\.autoDetect/);
    const [sm] = templateObjects("servicemonitor.yaml");
    expect(sm).toMatchObject({ apiVersion: "monitoring.coreos.com/v1", kind: "ServiceMonitor" });
    const spec = sm?.spec as { endpoints: { port: string; path: string }[] } | undefined;
    expect(spec?.endpoints[0]).toMatchObject({ port: "metrics", path: "/metrics" });
  });

  it("the PodDisruptionBudget is policy/v1 and only rendered for more than one replica", () => {
    const [pdb] = templateObjects("pdb.yaml");
    expect(pdb).toMatchObject({ apiVersion: "policy/v1", kind: "PodDisruptionBudget" });
    expect(readChartFile("templates/pdb.yaml")).toMatch(/gt \(int \.Values\.replicaCount\) 1/);
  });

  it("refuses several replicas without leader election even if the schema is bypassed", () => {
    expect(readChartFile("templates/validate.yaml")).toMatch(
      /and \(gt \(int \.Values\.replicaCount\) 1\) \(not \.Values\.controller\.leaderElection\.enabled\)[\s\S]*fail/,
    );
  });
});

/**
 * The controller's args for the given values: the Deployment's plain `- --flag={{ .Values.x }}`
 * lines with the values substituted (the optional `with`/`range` lines are left out).
 */
function controllerArgs(values: Values): string[] {
  const dep = readChartFile("templates/deployment.yaml");
  const block = dep.slice(dep.indexOf("args:\n"), dep.indexOf("env:\n"));
  const lookup = (path: string): unknown =>
    path.split(".").reduce<unknown>((v, k) => (isMap(v) ? v[k] : undefined), values);
  return [...block.matchAll(/^\s+- (--[a-z-]+=.*)$/gm)]
    .filter((m) => !m[1]?.includes("{{ . }}"))
    .map((m) =>
      (m[1] as string)
        .replace(/\{\{ \.Release\.Namespace \}\}/g, "berth-system")
        .replace(/\{\{ \.Values\.([A-Za-z.]+) \}\}/g, (_all, path: string) => String(lookup(path))),
    );
}

const CONTROLLER_MAIN = join(CHART, "../../src/controller/main.ts");

describe("chart and controller agree", () => {
  it.skipIf(!existsSync(CONTROLLER_MAIN)).each(ciValueFiles())(
    "berth controller accepts the args the chart renders with ci/%s",
    async (file) => {
      const mod = (await import(CONTROLLER_MAIN)) as {
        parseControllerFlags(argv: string[]): {
          leaderElect: boolean;
          leaseNamespace?: string;
          workers: number;
        };
      };
      const overrides = (chartYaml(join("ci", file)) ?? {}) as Values;
      const values = mergeValues(defaultValues(), overrides);
      const args = controllerArgs(values);
      expect(args.length).toBeGreaterThanOrEqual(10);
      expect(args.some((a) => a.includes("{{"))).toBe(false);
      const flags = mod.parseControllerFlags(args);
      const le = (values.controller as { leaderElection: { enabled: boolean } }).leaderElection;
      expect(flags.leaderElect).toBe(le.enabled);
      expect(flags.leaseNamespace).toBe("berth-system");
    },
  );
});

describe("the controller image the chart deploys", () => {
  const dockerfile = readFileSync(join(CHART, "../../Dockerfile.controller"), "utf8");
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));

  it("runs as the non-root uid the chart's securityContext sets, in a final stage without build tools", () => {
    const v = defaultValues() as {
      securityContext: { runAsUser: number };
      podSecurityContext: { runAsUser: number };
    };
    const user = /^USER (\d+)(?::\d+)?$/m.exec(finalStage)?.[1];
    expect(Number(user)).toBe(v.securityContext.runAsUser);
    expect(Number(user)).toBe(v.podSecurityContext.runAsUser);
    expect(finalStage).toMatch(/^FROM \S*distroless\S*:nonroot$/m);
    expect(finalStage).not.toMatch(/apt-get|npm (ci|install)|gcc|make /);
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
  });

  it("starts `berth controller` by default and exposes the chart's metrics and health ports", () => {
    const v = defaultValues() as { metrics: { port: number }; health: { port: number } };
    expect(finalStage).toMatch(/^ENTRYPOINT \[".*node", "\/app\/dist\/src\/cli\.js"\]$/m);
    expect(finalStage).toMatch(/^CMD \["controller"\]$/m);
    expect(finalStage).toContain(`EXPOSE ${v.metrics.port} ${v.health.port}`);
  });
});
