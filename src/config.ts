// Berth's configuration: one schema with embedded defaults, a YAML file over them, flags over that.
// The schema is also the source of the configuration reference in the README (scripts/gen-docs).
import { readFile } from "node:fs/promises";
import { isAbsolute } from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { z } from "zod";
import { errnoCode, errorMessage, InvalidArgumentError } from "./errors.js";

export const DEFAULT_CONFIG_PATH = "/etc/berth/config.yaml";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses "300ms", "30s", "5m", "4h", "1h30m" or a plain number of seconds into milliseconds. */
export function parseDuration(value: string | number): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) throw new Error(`invalid duration ${value}`);
    return value * 1000;
  }
  const s = value.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * (UNITS[m[2] as string] as number);
    matched = re.lastIndex;
  }
  if (matched === 0 || matched !== s.length)
    throw new Error(`invalid duration "${value}" (use e.g. 30s, 5m, 4h)`);
  return total;
}

const duration = (def: string, description: string) =>
  z
    .union([z.string(), z.number()])
    .default(def)
    .describe(description)
    .transform((v, ctx) => {
      try {
        return parseDuration(v);
      } catch (err) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: errorMessage(err) });
        return z.NEVER;
      }
    });

const absPath = (def: string, description: string) =>
  z
    .string()
    .refine((p) => isAbsolute(p), { message: "must be an absolute path" })
    .default(def)
    .describe(description);

const hostPort = (def: string, description: string) =>
  z
    .string()
    .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]*):\d{1,5}$/, "must be host:port, e.g. 127.0.0.1:9323")
    .refine((a) => Number(a.slice(a.lastIndexOf(":") + 1)) <= 65535, "port must be at most 65535")
    .default(def)
    .describe(description);

const registryHost = z
  .string()
  .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/, "must be a registry host[:port]");

export const configSchema = z
  .object({
    root: absPath(
      "/var/lib/berth",
      "Persistent state: content store, snapshots, image metadata, pod and container records, writable layers.",
    ),
    state: absPath("/run/berth", "Volatile state: monitor sockets, pid and exit files, netns pins."),
    socket: absPath("/run/berth/berth.sock", "The CRI gRPC unix socket kubelet and crictl connect to."),
    logLevel: z
      .enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"])
      .default("info")
      .describe("Log level of berthd's structured (JSON) logs."),
    shutdownTimeout: duration("10s", "How long a SIGTERM waits for in-flight calls before closing them."),
    metrics: z
      .object({
        address: hostPort(
          "127.0.0.1:9323",
          "Address of the Prometheus /metrics and /healthz HTTP endpoint; empty port 0 picks one.",
        ),
        enabled: z.boolean().default(true).describe("Serve metrics at all."),
      })
      .strict()
      .default({}),
    registry: z
      .object({
        mirrors: z
          .record(
            registryHost,
            z.array(z.string().url("must be an endpoint URL such as http://127.0.0.1:5000")),
          )
          .default({})
          .describe(
            "Registry host → ordered endpoint URLs tried before the upstream registry; the image path is kept.",
          ),
        insecure: z
          .array(registryHost)
          .default([])
          .describe("Registry hosts allowed over plain HTTP (loopback registries are allowed without this)."),
        concurrency: z
          .number()
          .int()
          .min(1)
          .max(64)
          .default(3)
          .describe("Layers downloaded in parallel per pull."),
        stallTimeout: duration("5m", "A pull that makes no progress for this long fails."),
        retries: z
          .number()
          .int()
          .min(0)
          .max(20)
          .default(4)
          .describe("Retries (with backoff) on 5xx answers and dropped connections."),
      })
      .strict()
      .default({}),
    cni: z
      .object({
        confDir: absPath(
          "/etc/cni/net.d",
          "Folder of CNI network configurations (.conflist/.conf/.json); the first by name is used.",
        ),
        binDirs: z
          .array(z.string().refine((p) => isAbsolute(p), "must be an absolute path"))
          .default(["/opt/cni/bin", "/usr/lib/cni"])
          .describe("Folders searched for CNI plugin binaries, in order."),
        defaultSubnet: z
          .string()
          .regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, "must be an IPv4 CIDR")
          .default("10.88.0.0/16")
          .describe("Subnet of the embedded default network, used only when confDir holds no configuration."),
      })
      .strict()
      .default({}),
    cgroup: z
      .object({
        driver: z
          .enum(["cgroupfs"])
          .default("cgroupfs")
          .describe("Cgroup driver (cgroupfs; systemd is not supported yet)."),
        parent: z
          .string()
          .default("berth")
          .describe("Cgroup under which pods without a kubelet-given parent are placed."),
      })
      .strict()
      .default({}),
    runtime: z
      .object({
        binary: z
          .string()
          .default("")
          .describe(
            "OCI runtime binary; empty selects berth's own helper (dist/bin/berth-runtime). runc works in its place.",
          ),
      })
      .strict()
      .default({}),
    streaming: z
      .object({
        address: hostPort(
          "127.0.0.1:0",
          "Address of the exec/attach/port-forward streaming server (port 0: random).",
        ),
        tokenTTL: duration("1m", "How long an unused streaming URL stays valid."),
        idleTimeout: duration("4h", "Streams with no traffic for this long are closed."),
        streamCreationTimeout: duration(
          "30s",
          "How long a SPDY client has to open the streams of an exec/attach/port-forward session.",
        ),
      })
      .strict()
      .default({}),
  })
  .strict();

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;

function describeIssue(issue: z.ZodIssue, input: unknown): string {
  const key = issue.path.join(".") || "(top level)";
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    const where = issue.path.length ? `${issue.path.join(".")}.` : "";
    return issue.keys.map((k) => `unknown key "${where}${k}"`).join("; ");
  }
  let value: unknown = input;
  for (const p of issue.path)
    value = value && typeof value === "object" ? (value as Record<string | number, unknown>)[p] : undefined;
  return `key "${key}": ${issue.message} (got ${JSON.stringify(value)})`;
}

/** Validates raw configuration; every problem is reported with its key and bad value. */
export function parseConfig(raw: unknown, source = "configuration"): Config {
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((i) => describeIssue(i, raw));
    throw new InvalidArgumentError(`invalid ${source}: ${problems.join("; ")}`);
  }
  const cfg = result.data;
  return cfg;
}

/** Sets `a.b.c` in a nested object, creating objects on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let obj = target;
  for (const p of parts.slice(0, -1)) {
    const next = obj[p];
    if (next === undefined || next === null || typeof next !== "object" || Array.isArray(next)) obj[p] = {};
    obj = obj[p] as Record<string, unknown>;
  }
  obj[parts[parts.length - 1] as string] = value;
}

/** A flag value as YAML scalar (numbers, booleans, lists `[a, b]`), falling back to the string. */
export function parseFlagValue(text: string): unknown {
  try {
    const v: unknown = parseYaml(text);
    return v === null ? text : v;
  } catch {
    return text;
  }
}

export interface LoadOptions {
  /** Path of the YAML file; when not given explicitly, a missing default file is fine. */
  path?: string;
  explicit?: boolean;
  /** Overrides as key path → value (`registry.concurrency` → 5), applied over the file. */
  overrides?: Record<string, unknown>;
}

/** Loads file + overrides over the embedded defaults. */
export async function loadConfig(opts: LoadOptions = {}): Promise<Config> {
  const path = opts.path ?? DEFAULT_CONFIG_PATH;
  let raw: Record<string, unknown> = {};
  try {
    const text = await readFile(path, "utf8");
    const parsed: unknown = parseYaml(text);
    if (parsed !== null && parsed !== undefined) {
      if (typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new InvalidArgumentError(`invalid config file ${path}: top level must be a mapping`);
      }
      raw = parsed as Record<string, unknown>;
    }
  } catch (err) {
    if (errnoCode(err) === "ENOENT" && !opts.explicit) {
      // No file: embedded defaults.
    } else if (err instanceof InvalidArgumentError) {
      throw err;
    } else {
      throw new InvalidArgumentError(`cannot read config file ${path}: ${errorMessage(err)}`);
    }
  }
  for (const [key, value] of Object.entries(opts.overrides ?? {})) setPath(raw, key, value);
  return parseConfig(
    raw,
    opts.explicit || Object.keys(raw).length ? `config (${path} and flags)` : "configuration",
  );
}

/** The defaults, as the daemon would run with no file and no flags. */
export function defaultConfig(): Config {
  return parseConfig({});
}

/** Renders a configuration back as YAML with durations in seconds-suffixed form. */
export function configToYaml(cfg: Config): string {
  return stringifyYaml(toPlain(cfg));
}

const DURATION_KEYS = new Set([
  "shutdownTimeout",
  "stallTimeout",
  "tokenTTL",
  "idleTimeout",
  "streamCreationTimeout",
]);

function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

function toPlain(value: unknown, key = ""): unknown {
  if (typeof value === "number" && DURATION_KEYS.has(key)) return formatDuration(value);
  if (Array.isArray(value)) return value.map((v) => toPlain(v));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v, k)]));
  }
  return value;
}
