import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { planReplica, planService } from "../../src/controller/plan/index.js";
import {
  DURATION_PATTERN,
  GROUP,
  REPLICA_PLURAL,
  REPLICA_SHORT_NAME,
  RESTART_DEFAULTS,
  SERVICE_PLURAL,
  SERVICE_SHORT_NAME,
  type ServiceSpec,
  UPDATE_DEFAULTS,
  VERSION,
  withServiceDefaults,
} from "../../src/controller/types.js";
import { Sim } from "./controller-plan-sim.js";

// A subset of OpenAPI v3 as apiextensions.k8s.io/v1 uses it.
interface Schema {
  type?: string;
  description?: string;
  format?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  anyOf?: Schema[];
  allOf?: Schema[];
  oneOf?: Schema[];
  not?: Schema;
  nullable?: boolean;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-list-type"?: string;
  "x-kubernetes-list-map-keys"?: string[];
}

interface Crd {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    group: string;
    scope: string;
    names: { kind: string; plural: string; shortNames?: string[]; categories?: string[] };
    versions: {
      name: string;
      served: boolean;
      storage: boolean;
      subresources?: {
        status?: object;
        scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
      };
      additionalPrinterColumns?: { name: string; type: string; jsonPath: string }[];
      schema: { openAPIV3Schema: Schema };
    }[];
  };
}

const root = join(import.meta.dirname, "../..");
function loadCrd(file: string): Crd {
  return parse(readFileSync(join(root, "charts/berth/crds", file), "utf8")) as Crd;
}
const services = loadCrd("berth.dev_services.yaml");
const replicas = loadCrd("berth.dev_replicas.yaml");
const schemaOf = (crd: Crd) =>
  (crd.spec.versions[0] as Crd["spec"]["versions"][number]).schema.openAPIV3Schema;

const INT_OR_STRING_ANYOF = JSON.stringify([{ type: "integer" }, { type: "string" }]);

/** The apiextensions structural-schema rules that matter here; returns violations with their paths. */
function structuralViolations(schema: Schema, path = "", isRoot = true): string[] {
  const out: string[] = [];
  const preserve = schema["x-kubernetes-preserve-unknown-fields"] === true;
  const intOrString = schema["x-kubernetes-int-or-string"] === true;
  if (!schema.type && !preserve && !intOrString) out.push(`${path || "<root>"}: no type`);
  if (intOrString && schema.type) out.push(`${path}: int-or-string must not set type`);
  if (schema.properties && schema.additionalProperties !== undefined) {
    out.push(`${path}: properties and additionalProperties together`);
  }
  if (schema.additionalProperties === false) out.push(`${path}: additionalProperties false is not allowed`);
  for (const key of ["anyOf", "allOf", "oneOf"] as const) {
    const list = schema[key];
    if (!list) continue;
    if (intOrString && key === "anyOf" && JSON.stringify(list) === INT_OR_STRING_ANYOF) continue;
    for (const [i, s] of list.entries()) {
      for (const banned of ["type", "description", "default", "additionalProperties", "nullable"] as const) {
        if (s[banned] !== undefined) out.push(`${path}.${key}[${i}]: ${banned} inside a value validation`);
      }
    }
  }
  if (schema.type === "array" && !schema.items) out.push(`${path}: array without items`);
  if (schema["x-kubernetes-list-map-keys"]) {
    if (schema["x-kubernetes-list-type"] !== "map") out.push(`${path}: list-map-keys need list-type map`);
    for (const k of schema["x-kubernetes-list-map-keys"]) {
      const prop = schema.items?.properties?.[k];
      if (!prop) out.push(`${path}: map key ${k} is not a property`);
      else if (!schema.items?.required?.includes(k) && prop.default === undefined) {
        out.push(`${path}: map key ${k} must be required or defaulted`);
      }
    }
  }
  if (schema.default !== undefined) {
    const errs = validate(schema, schema.default, `${path}.default`);
    out.push(...errs);
  }
  if (isRoot) {
    if (schema.type !== "object") out.push("<root>: type must be object");
    const meta = schema.properties?.metadata;
    if (meta) {
      const extra = Object.keys(meta.properties ?? {}).filter((k) => k !== "name" && k !== "generateName");
      if (extra.length > 0) out.push(`metadata: only name and generateName may be specified, not ${extra}`);
      if (meta.default !== undefined) out.push("metadata: no default allowed");
    }
  }
  for (const [k, s] of Object.entries(schema.properties ?? {}))
    out.push(...structuralViolations(s, `${path}.${k}`, false));
  if (schema.items) out.push(...structuralViolations(schema.items, `${path}[]`, false));
  if (typeof schema.additionalProperties === "object") {
    out.push(...structuralViolations(schema.additionalProperties, `${path}{}`, false));
  }
  return out;
}

/** Validates a value the way the API server would for this subset (unknown fields are errors: pruning). */
function validate(schema: Schema, value: unknown, path = ""): string[] {
  const out: string[] = [];
  if (schema["x-kubernetes-int-or-string"]) {
    if (!(typeof value === "string" || Number.isInteger(value))) out.push(`${path}: not int-or-string`);
    return out;
  }
  const t = schema.type;
  if (t === "object") {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return [`${path}: not an object`];
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (obj[r] === undefined) out.push(`${path}.${r}: required`);
    for (const [k, v] of Object.entries(obj)) {
      const prop = schema.properties?.[k];
      if (prop) out.push(...validate(prop, v, `${path}.${k}`));
      else if (typeof schema.additionalProperties === "object") {
        out.push(...validate(schema.additionalProperties, v, `${path}.${k}`));
      } else if (!schema["x-kubernetes-preserve-unknown-fields"] && path !== ".metadata") {
        out.push(`${path}.${k}: unknown field (would be pruned)`);
      }
    }
  } else if (t === "array") {
    if (!Array.isArray(value)) return [`${path}: not an array`];
    if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push(`${path}: too many items`);
    for (const [i, v] of value.entries()) out.push(...validate(schema.items as Schema, v, `${path}[${i}]`));
  } else if (t === "string") {
    if (typeof value !== "string") return [`${path}: not a string`];
    if (schema.maxLength !== undefined && value.length > schema.maxLength) out.push(`${path}: too long`);
    if (schema.pattern && !new RegExp(schema.pattern).test(value))
      out.push(`${path}: does not match ${schema.pattern}`);
    if (schema.format === "date-time" && Number.isNaN(Date.parse(value)))
      out.push(`${path}: not a date-time`);
  } else if (t === "integer" || t === "number") {
    if (typeof value !== "number" || (t === "integer" && !Number.isInteger(value)))
      return [`${path}: not ${t}`];
    if (schema.minimum !== undefined && value < schema.minimum) out.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) out.push(`${path}: above ${schema.maximum}`);
  } else if (t === "boolean") {
    if (typeof value !== "boolean") return [`${path}: not a boolean`];
  }
  if (schema.enum && !schema.enum.includes(value)) out.push(`${path}: ${JSON.stringify(value)} not in enum`);
  return out;
}

/** Structural defaulting: absent properties with a default get it, then defaulting recurses. */
function applyDefaults(schema: Schema, value: unknown): unknown {
  if (schema.type === "object" && typeof value === "object" && value !== null && !Array.isArray(value)) {
    const obj = { ...(value as Record<string, unknown>) };
    for (const [k, s] of Object.entries(schema.properties ?? {})) {
      if (obj[k] === undefined && s.default !== undefined) obj[k] = structuredClone(s.default);
      if (obj[k] !== undefined) obj[k] = applyDefaults(s, obj[k]);
    }
    return obj;
  }
  if (schema.type === "array" && Array.isArray(value) && schema.items) {
    return value.map((v) => applyDefaults(schema.items as Schema, v));
  }
  return value;
}

function at(schema: Schema, jsonPath: string): Schema | undefined {
  let s: Schema | undefined = schema;
  for (const part of jsonPath.replace(/^\./, "").split(".")) s = s?.properties?.[part];
  return s;
}

const template = {
  metadata: { labels: { app: "web" } },
  spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] },
};

const fullService = {
  apiVersion: "berth.dev/v1alpha1",
  kind: "Service",
  metadata: { name: "web", namespace: "default" },
  spec: {
    mode: "Replicated",
    replicas: 3,
    template,
    ports: [
      { name: "http", port: 80, targetPort: "http", protocol: "TCP" },
      { name: "dns", port: 53, targetPort: 5353, protocol: "UDP" },
    ],
    dependsOn: [{ service: "db", condition: "Healthy" }],
    update: {
      parallelism: 2,
      delay: "10s",
      order: "StartFirst",
      failureAction: "Rollback",
      monitor: "1m30s",
      maxFailureRatio: 0.2,
    },
    rollback: {
      parallelism: 0,
      delay: "0",
      order: "StopFirst",
      failureAction: "Pause",
      monitor: "500ms",
      maxFailureRatio: 0,
    },
    restart: { condition: "OnFailure", delay: "5s", maxAttempts: 3, window: "2m" },
    placement: { nodeSelector: { "kubernetes.io/os": "linux" }, maxReplicasPerNode: 1 },
  },
};

describe("CRD manifests", () => {
  test("both CRDs are apiextensions.k8s.io/v1 with names, short names, categories and status", () => {
    for (const [crd, plural, short] of [
      [services, SERVICE_PLURAL, SERVICE_SHORT_NAME],
      [replicas, REPLICA_PLURAL, REPLICA_SHORT_NAME],
    ] as const) {
      expect(crd.apiVersion).toBe("apiextensions.k8s.io/v1");
      expect(crd.kind).toBe("CustomResourceDefinition");
      expect(crd.metadata.name).toBe(`${plural}.${GROUP}`);
      expect(crd.spec.group).toBe(GROUP);
      expect(crd.spec.scope).toBe("Namespaced");
      expect(crd.spec.names.plural).toBe(plural);
      expect(crd.spec.names.shortNames).toEqual([short]);
      expect(crd.spec.names.categories).toEqual(["berth"]);
      const v = crd.spec.versions[0];
      expect(v?.name).toBe(VERSION);
      expect(v?.served && v.storage).toBe(true);
      expect(v?.subresources?.status).toEqual({});
    }
  });

  test("schemas are structural", () => {
    expect(structuralViolations(schemaOf(services))).toEqual([]);
    expect(structuralViolations(schemaOf(replicas))).toEqual([]);
  });

  test("the structural checker catches what the API server rejects", () => {
    const bad: Schema = {
      type: "object",
      properties: {
        metadata: { type: "object", properties: { labels: { type: "object" } } },
        a: { properties: { b: { type: "string" } } },
        c: {
          type: "object",
          properties: { d: { type: "string" } },
          additionalProperties: { type: "string" },
        },
        e: { type: "string", enum: ["x"], default: "y" },
        f: { type: "object", anyOf: [{ type: "string" }] },
      },
    };
    const v = structuralViolations(bad);
    expect(v).toEqual(
      expect.arrayContaining([
        ".a: no type",
        ".c: properties and additionalProperties together",
        '.e.default: "y" not in enum',
        ".f.anyOf[0]: type inside a value validation",
        "metadata: only name and generateName may be specified, not labels",
      ]),
    );
  });

  test("the Service scale subresource points at typed replica fields and a string selector", () => {
    const v = services.spec.versions[0];
    const scale = v?.subresources?.scale;
    expect(scale).toEqual({
      specReplicasPath: ".spec.replicas",
      statusReplicasPath: ".status.replicas",
      labelSelectorPath: ".status.selector",
    });
    const s = schemaOf(services);
    expect(at(s, ".spec.replicas")?.type).toBe("integer");
    expect(at(s, ".status.replicas")?.type).toBe("integer");
    expect(at(s, ".status.selector")?.type).toBe("string");
  });

  test("printer columns name existing fields of the right type", () => {
    for (const [crd, names] of [
      [services, ["Mode", "Replicas", "Ready", "Updated", "Age"]],
      [replicas, ["Service", "Slot", "Node", "Phase", "Pod", "Ready", "Age"]],
    ] as const) {
      const v = crd.spec.versions[0];
      const columns = v?.additionalPrinterColumns ?? [];
      for (const n of names) expect(columns.map((c) => c.name)).toContain(n);
      for (const c of columns) {
        if (c.jsonPath === ".metadata.creationTimestamp") continue;
        const field = at(schemaOf(crd), c.jsonPath);
        expect(field, c.jsonPath).toBeDefined();
        expect(field?.type).toBe(c.type);
      }
    }
  });

  test("a full and a minimal Service validate; bad values are rejected", () => {
    const s = schemaOf(services);
    expect(validate(s, fullService)).toEqual([]);
    expect(validate(s, { ...fullService, spec: { template } })).toEqual([]);
    const bad = structuredClone(fullService) as { spec: Record<string, unknown> };
    bad.spec.mode = "Sometimes";
    bad.spec.replicas = -1;
    bad.spec.update = { delay: "10 seconds", maxFailureRatio: 2 };
    bad.spec.restart = { condition: "Always" };
    bad.spec.bogus = true;
    expect(validate(s, bad)).toEqual(
      expect.arrayContaining([
        '.spec.mode: "Sometimes" not in enum',
        ".spec.replicas: below 0",
        `.spec.update.delay: does not match ${DURATION_PATTERN}`,
        ".spec.update.maxFailureRatio: above 1",
        '.spec.restart.condition: "Always" not in enum',
        ".spec.bogus: unknown field (would be pruned)",
      ]),
    );
    expect(validate(s, { ...fullService, spec: { replicas: 1 } })).toContain(".spec.template: required");
  });

  test("the pod template keeps every field of its spec (preserve-unknown-fields)", () => {
    const s = schemaOf(services);
    const withExtras = structuredClone(fullService);
    (withExtras.spec.template.spec as Record<string, unknown>).securityContext = { runAsUser: 1000 };
    expect(validate(s, withExtras)).toEqual([]);
  });

  test("CRD defaults agree with withServiceDefaults", () => {
    const s = schemaOf(services);
    const defaulted = applyDefaults(s, {
      ...fullService,
      spec: { template, ports: [{ port: 80 }], dependsOn: [{ service: "db" }] },
    }) as {
      spec: ServiceSpec;
    };
    const ts = withServiceDefaults({ template, ports: [{ port: 80 }], dependsOn: [{ service: "db" }] });
    expect(defaulted.spec.mode).toBe(ts.mode);
    expect(defaulted.spec.replicas).toBe(ts.replicas);
    expect(defaulted.spec.update).toEqual(ts.update);
    expect(defaulted.spec.rollback).toEqual(ts.rollback);
    expect(defaulted.spec.restart).toEqual(ts.restart);
    expect(defaulted.spec.placement).toEqual({ maxReplicasPerNode: ts.placement.maxReplicasPerNode });
    expect(defaulted.spec.ports).toEqual(ts.ports);
    expect(defaulted.spec.dependsOn).toEqual(ts.dependsOn);
    expect(ts.update).toEqual(UPDATE_DEFAULTS);
    expect(ts.restart).toEqual(RESTART_DEFAULTS);
  });

  test("every duration pattern in the CRDs is the one the parser uses", () => {
    const text = readFileSync(join(root, "charts/berth/crds/berth.dev_services.yaml"), "utf8");
    const patterns = new Set<string>();
    const walk = (x: Schema) => {
      if (x.pattern?.includes("ms|s|m|h")) patterns.add(x.pattern);
      for (const p of Object.values(x.properties ?? {})) walk(p);
    };
    walk(schemaOf(services));
    expect([...patterns]).toEqual([DURATION_PATTERN]);
    expect(text).not.toContain("&"); // no YAML anchors: every tool reads it as it is
  });

  test("what the planners write validates against the CRDs", () => {
    const spec: ServiceSpec = {
      replicas: 2,
      template,
      ports: [{ port: 80 }],
      update: { monitor: "0s" },
      restart: { condition: "Any", delay: "0s" },
    };
    const sim = new Sim(spec);
    for (let i = 0; i < 6; i++) sim.tick();
    sim.setSpec({ ...spec, template: { ...template, metadata: { labels: { app: "web", v: "2" } } } });
    for (let i = 0; i < 3; i++) sim.tick();
    const pod = sim.livePods()[0];
    if (pod) sim.fail(pod);
    for (let i = 0; i < 4; i++) sim.tick();
    const svc = { ...sim.service, metadata: { name: "web" } };
    expect(validate(schemaOf(services), svc)).toEqual([]);
    expect(sim.service.status?.updateStatus).toBeDefined();
    for (const r of sim.replicas.values()) {
      const body = {
        apiVersion: r.apiVersion,
        kind: r.kind,
        metadata: { name: r.metadata.name },
        spec: r.spec,
        status: r.status,
      };
      expect(validate(schemaOf(replicas), body)).toEqual([]);
    }
    expect([...sim.replicas.values()].some((r) => (r.status?.terminations?.length ?? 0) > 0)).toBe(true);
    // And the plans on their own (a fresh Service, a fresh Replica).
    const plan = planService({
      service: {
        metadata: { name: "x", namespace: "d", uid: "u", generation: 1 },
        spec: fullService.spec as ServiceSpec,
      },
      replicas: [],
      revisions: [],
      nodes: [],
      dependencies: [],
      serviceGraph: {},
      now: new Date(0),
    });
    expect(validate(schemaOf(services), { ...fullService, status: plan.status })).toEqual([]);
    const rp = planReplica({
      replica: {
        metadata: { name: "x-1", namespace: "d", uid: "r" },
        spec: { service: "x", slot: 1, revision: "abc" },
      },
      pods: [],
      now: new Date(0),
    });
    expect(validate(schemaOf(replicas).properties?.status as Schema, rp.status)).toEqual([]);
  });
});
