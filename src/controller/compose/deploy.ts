// The swarm-flavoured parts of a compose service: `deploy` (mode, replicas, resources,
// update_config, rollback_config, restart_policy, placement, labels) and the service-level
// `restart`, `scale`, `cpus`, `mem_limit`, `mem_reservation` that overlap with it.
import type { V1ResourceRequirements } from "@kubernetes/client-node";
import {
  type FailureAction,
  formatDuration,
  type Placement,
  type RestartPolicy,
  type ServiceMode,
  type UpdateConfig,
} from "../types.js";
import { ComposeError, type Mapping, scalarString } from "./reader.js";
import { bytesToQuantity, cpusToQuantity, parseBytes, parseDuration } from "./units.js";

export interface DeployResult {
  mode: ServiceMode;
  replicas?: number;
  update?: UpdateConfig;
  rollback?: UpdateConfig;
  restart?: RestartPolicy;
  placement?: Placement;
  resources?: V1ResourceRequirements;
  /** deploy.labels: labels of the berth Service object itself. */
  labels?: Map<string, string>;
  labelsPath?: string;
}

function duration(m: Mapping, key: string): string | undefined {
  const raw = m.take(key);
  return raw === undefined ? undefined : formatDuration(parseDuration(raw, m.at(key)));
}

function oneOf<T extends string>(m: Mapping, key: string, table: Record<string, T>): T | undefined {
  const v = m.string(key);
  if (v === undefined) return undefined;
  const mapped = table[v];
  if (mapped === undefined) {
    throw new ComposeError(m.at(key), `unknown value "${v}" (one of ${Object.keys(table).join(", ")})`);
  }
  return mapped;
}

function updatePolicy(m: Mapping, rollback: boolean): UpdateConfig {
  const out: UpdateConfig = {};
  const parallelism = m.integer("parallelism", 0);
  if (parallelism !== undefined) out.parallelism = parallelism;
  const delay = duration(m, "delay");
  if (delay !== undefined) out.delay = delay;
  const actions: Record<string, FailureAction> = rollback
    ? { pause: "Pause", continue: "Continue" }
    : { pause: "Pause", rollback: "Rollback", continue: "Continue" };
  const failureAction = oneOf(m, "failure_action", actions);
  if (failureAction !== undefined) out.failureAction = failureAction;
  const monitor = duration(m, "monitor");
  if (monitor !== undefined) out.monitor = monitor;
  const ratio = m.number("max_failure_ratio");
  if (ratio !== undefined) {
    if (ratio < 0 || ratio > 1)
      throw new ComposeError(m.at("max_failure_ratio"), `must be within 0 and 1, got ${ratio}`);
    out.maxFailureRatio = ratio;
  }
  const order = oneOf(m, "order", { "stop-first": "StopFirst", "start-first": "StartFirst" } as const);
  if (order !== undefined) out.order = order;
  m.finish();
  return out;
}

function restartPolicy(m: Mapping): RestartPolicy {
  const condition =
    oneOf(m, "condition", { none: "None", "on-failure": "OnFailure", any: "Any" } as const) ?? "Any";
  const out: RestartPolicy = { condition };
  const delay = duration(m, "delay");
  if (delay !== undefined) out.delay = delay;
  const attempts = m.integer("max_attempts", 0);
  if (attempts !== undefined) out.maxAttempts = attempts;
  const window = duration(m, "window");
  if (window !== undefined) out.window = window;
  m.finish();
  return out;
}

/** The service-level `restart` (docker's restart policy) in the berth shape. */
export function restartFromDocker(value: unknown, path: string): RestartPolicy {
  // YAML 1.1 parsers read an unquoted `no` as false.
  const text = value === false ? "no" : scalarString(value, path);
  if (text === "no") return { condition: "None" };
  if (text === "always" || text === "unless-stopped") return { condition: "Any" };
  const m = /^on-failure(?::(\d+))?$/.exec(text);
  if (m)
    return m[1] === undefined
      ? { condition: "OnFailure" }
      : { condition: "OnFailure", maxAttempts: Number(m[1]) };
  throw new ComposeError(
    path,
    `unknown restart policy "${text}" (no, always, on-failure[:n], unless-stopped)`,
  );
}

const PLATFORM_ARCH: Record<string, string> = { x86_64: "amd64", aarch64: "arm64", armv7l: "arm" };

function placement(m: Mapping): Placement {
  const out: Placement = {};
  const constraints = m.list("constraints") ?? [];
  const selector: Record<string, string> = {};
  for (const [i, raw] of constraints.entries()) {
    const path = `${m.at("constraints")}[${i}]`;
    const text = scalarString(raw, path);
    const eq = /^\s*([^=!\s]+)\s*==\s*(.+?)\s*$/.exec(text);
    const key = eq?.[1];
    const value = eq?.[2];
    if (key?.startsWith("node.labels.") && value !== undefined)
      selector[key.slice("node.labels.".length)] = value;
    else if (key === "node.hostname" && value !== undefined) selector["kubernetes.io/hostname"] = value;
    else if (key === "node.platform.os" && value !== undefined) selector["kubernetes.io/os"] = value;
    else if (key === "node.platform.arch" && value !== undefined) {
      selector["kubernetes.io/arch"] = PLATFORM_ARCH[value] ?? value;
    } else {
      m.sink.add(
        path,
        `constraint "${text}" not supported (only node.labels.*, node.hostname, node.platform.* with ==), ignored`,
      );
    }
  }
  if (Object.keys(selector).length > 0) out.nodeSelector = selector;
  m.ignore("preferences", "placement preferences not supported, ignored");
  const max = m.integer("max_replicas_per_node", 0);
  if (max !== undefined) out.maxReplicasPerNode = max;
  m.finish();
  return out;
}

function resourceSet(m: Mapping, which: "limits" | "reservations"): Record<string, string> {
  const out: Record<string, string> = {};
  const cpus = m.take("cpus");
  if (cpus !== undefined) out.cpu = cpusToQuantity(cpus, m.at("cpus"));
  const memory = m.take("memory");
  if (memory !== undefined) out.memory = bytesToQuantity(parseBytes(memory, m.at("memory")));
  if (which === "limits") m.ignore("pids", "per-container pids limits not supported, ignored");
  else {
    m.ignore("devices", "device reservations not supported, ignored");
    m.ignore("generic_resources", "generic resources not supported, ignored");
  }
  m.finish();
  return out;
}

/** Converts `deploy` plus the service-level keys that overlap with it. */
export function convertDeploy(service: Mapping, deploy: Mapping | undefined): DeployResult {
  const out: DeployResult = { mode: "Replicated" };
  const scale = service.integer("scale", 0);
  const legacyRestart = service.take("restart");
  const legacy = {
    cpus: service.take("cpus"),
    memLimit: service.take("mem_limit"),
    memReservation: service.take("mem_reservation"),
  };

  let replicas: number | undefined;
  if (deploy) {
    const mode = deploy.string("mode");
    if (mode === "global" || mode === "global-job") out.mode = "Global";
    else if (mode !== undefined && mode !== "replicated" && mode !== "replicated-job") {
      throw new ComposeError(deploy.at("mode"), `unknown mode "${mode}" (replicated or global)`);
    }
    if (mode?.endsWith("-job"))
      deploy.warn("mode", `"${mode}" not supported, runs as a long-running service`);
    replicas = deploy.integer("replicas", 0);
    const resources = deploy.mapping("resources");
    if (resources) {
      const limits = resources.mapping("limits");
      const reservations = resources.mapping("reservations");
      const res: V1ResourceRequirements = {};
      if (limits) res.limits = resourceSet(limits, "limits");
      if (reservations) res.requests = resourceSet(reservations, "reservations");
      resources.finish();
      out.resources = res;
    }
    const update = deploy.mapping("update_config");
    if (update) out.update = updatePolicy(update, false);
    const rollback = deploy.mapping("rollback_config");
    if (rollback) out.rollback = updatePolicy(rollback, true);
    const restart = deploy.mapping("restart_policy");
    if (restart) out.restart = restartPolicy(restart);
    const place = deploy.mapping("placement");
    if (place) out.placement = placement(place);
    if (deploy.has("labels")) out.labelsPath = deploy.at("labels");
    const labels = deploy.take("labels");
    if (labels !== undefined) out.labels = labelMap(labels, deploy.at("labels"));
    const endpoint = deploy.string("endpoint_mode");
    if (endpoint === "dnsrr")
      deploy.warn("endpoint_mode", "dnsrr not supported, the Service gets a virtual IP");
    else if (endpoint !== undefined && endpoint !== "vip") {
      throw new ComposeError(
        deploy.at("endpoint_mode"),
        `unknown endpoint mode "${endpoint}" (vip or dnsrr)`,
      );
    }
    deploy.finish();
  }

  if (scale !== undefined && replicas !== undefined && scale !== replicas) {
    throw new ComposeError(service.at("scale"), `${scale} differs from deploy.replicas ${replicas}`);
  }
  replicas ??= scale;
  if (replicas !== undefined && out.mode === "Global") {
    service.sink.add(
      deploy?.has("replicas") ? `${deploy.path}.replicas` : service.at("scale"),
      "ignored in global mode (one replica per node)",
    );
  } else if (replicas !== undefined) out.replicas = replicas;

  if (legacyRestart !== undefined) {
    const mapped = restartFromDocker(legacyRestart, service.at("restart"));
    if (out.restart) service.warn("restart", "overridden by deploy.restart_policy");
    else out.restart = mapped;
  }

  const legacyLimits: Record<string, string> = {};
  if (legacy.cpus !== undefined) legacyLimits.cpu = cpusToQuantity(legacy.cpus, service.at("cpus"));
  if (legacy.memLimit !== undefined) {
    legacyLimits.memory = bytesToQuantity(parseBytes(legacy.memLimit, service.at("mem_limit")));
  }
  if (Object.keys(legacyLimits).length > 0) {
    out.resources ??= {};
    out.resources.limits = { ...legacyLimits, ...out.resources.limits };
  }
  if (legacy.memReservation !== undefined) {
    out.resources ??= {};
    out.resources.requests = {
      memory: bytesToQuantity(parseBytes(legacy.memReservation, service.at("mem_reservation"))),
      ...out.resources.requests,
    };
  }
  return out;
}

/** `labels`-style values: a mapping or a list of "key=value". */
export function labelMap(value: unknown, path: string): Map<string, string> {
  const out = new Map<string, string>();
  if (Array.isArray(value)) {
    for (const [i, raw] of value.entries()) {
      const text = scalarString(raw, `${path}[${i}]`);
      const eq = text.indexOf("=");
      out.set(eq < 0 ? text : text.slice(0, eq), eq < 0 ? "" : text.slice(eq + 1));
    }
    return out;
  }
  if (typeof value !== "object" || value === null)
    throw new ComposeError(path, "expected a mapping or a list");
  for (const [k, v] of Object.entries(value)) out.set(k, v === null ? "" : scalarString(v, `${path}.${k}`));
  return out;
}
