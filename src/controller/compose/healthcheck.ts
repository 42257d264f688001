// Compose `healthcheck` as probes. Docker marks a container healthy on the first passing check
// (even inside start_period) and, under swarm, replaces it after `retries` consecutive failures
// once start_period is over: so readiness starts at once and liveness waits for start_period.
import type { V1Probe } from "@kubernetes/client-node";
import { ComposeError, describe, type Mapping, toStringList } from "./reader.js";
import { parseDuration } from "./units.js";

export interface Probes {
  readinessProbe?: V1Probe;
  livenessProbe?: V1Probe;
}

/** Probe times are whole seconds: round up, and say so when that changes the value. */
function seconds(m: Mapping, key: string, fallbackMs: number, min: number): number {
  const raw = m.take(key);
  const ms = raw === undefined ? fallbackMs : parseDuration(raw, m.at(key));
  const s = Math.max(min, Math.ceil(ms / 1000));
  if (raw !== undefined && s * 1000 !== ms) m.warn(key, `probes count whole seconds: ${ms}ms becomes ${s}s`);
  return s;
}

function testCommand(m: Mapping): string[] | "none" | undefined {
  const raw = m.take("test");
  if (raw === undefined) return undefined;
  const path = m.at("test");
  if (typeof raw === "string") return ["/bin/sh", "-c", raw];
  if (!Array.isArray(raw)) throw new ComposeError(path, `expected a string or a list, got ${describe(raw)}`);
  const [kind, ...rest] = toStringList(raw, path);
  switch (kind) {
    case "NONE":
      return "none";
    case "CMD":
      if (rest.length === 0) throw new ComposeError(path, "CMD needs a command");
      return rest;
    case "CMD-SHELL":
      if (rest.length !== 1) throw new ComposeError(path, "CMD-SHELL takes exactly one shell command string");
      return ["/bin/sh", "-c", rest[0] as string];
    default:
      throw new ComposeError(
        path,
        `must start with "CMD", "CMD-SHELL" or "NONE", got ${JSON.stringify(kind)}`,
      );
  }
}

export function convertHealthcheck(m: Mapping): Probes {
  const disable = m.boolean("disable") ?? false;
  const test = testCommand(m);
  const period = seconds(m, "interval", 30_000, 1);
  const timeout = seconds(m, "timeout", 30_000, 1);
  const retries = m.integer("retries", 1) ?? 3;
  const startPeriod = seconds(m, "start_period", 0, 0);
  m.ignore("start_interval", "not supported, probes use interval throughout");
  m.finish();
  if (disable || test === "none") return {};
  if (test === undefined) {
    m.warn("test", "missing: the image's own HEALTHCHECK cannot be read here, so no probes are set");
    return {};
  }
  const base = {
    exec: { command: test },
    periodSeconds: period,
    timeoutSeconds: timeout,
    failureThreshold: retries,
    successThreshold: 1,
  };
  const livenessProbe: V1Probe = { ...base, exec: { command: [...test] } };
  if (startPeriod > 0) livenessProbe.initialDelaySeconds = startPeriod;
  return { readinessProbe: base, livenessProbe };
}
