// Request validation: malformed input answers INVALID_ARGUMENT naming the field, before anything
// changes. Paths from requests are checked lexically here and resolved safely where they are used.
import { isAbsolute, normalize } from "node:path";
import { InvalidArgumentError } from "../errors.js";

// Names become parts of file names, cgroup paths and log lines: no separators, no control bytes.
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,252}$/;
const HOSTNAME_RE =
  /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export function requireName(value: string | null | undefined, field: string): string {
  if (!value) throw new InvalidArgumentError(`${field} must not be empty`);
  if (!NAME_RE.test(value)) {
    throw new InvalidArgumentError(
      `${field} ${JSON.stringify(value)} is not a valid name (letters, digits, "-", "_", "." up to 253)`,
    );
  }
  return value;
}

/** Optional free-form identity fields (pod namespace, uid) still must not carry separators. */
export function optionalName(value: string | null | undefined, field: string): string {
  if (!value) return "";
  return requireName(value, field);
}

export function requireId(value: string | null | undefined, field: string): string {
  if (!value) throw new InvalidArgumentError(`${field} must not be empty`);
  if (!ID_RE.test(value))
    throw new InvalidArgumentError(`${field} ${JSON.stringify(value)} is not a valid id`);
  return value;
}

export function checkHostname(value: string, field: string): string {
  if (value !== "" && (value.length > 64 || !HOSTNAME_RE.test(value))) {
    throw new InvalidArgumentError(`${field} ${JSON.stringify(value)} is not a valid hostname`);
  }
  return value;
}

/** An absolute path with no `..` component and no NUL byte. */
export function requireAbsolutePath(value: string | null | undefined, field: string): string {
  if (!value) throw new InvalidArgumentError(`${field} must not be empty`);
  if (value.includes("\0")) throw new InvalidArgumentError(`${field} contains a NUL byte`);
  if (!isAbsolute(value))
    throw new InvalidArgumentError(`${field} ${JSON.stringify(value)} must be an absolute path`);
  if (value.split("/").includes("..")) {
    throw new InvalidArgumentError(`${field} ${JSON.stringify(value)} must not contain ".."`);
  }
  return normalize(value);
}

/** A path relative to a root (e.g. a log path under the pod's log directory) that stays inside it. */
export function requireRelativePath(value: string | null | undefined, field: string): string {
  if (!value) throw new InvalidArgumentError(`${field} must not be empty`);
  if (value.includes("\0")) throw new InvalidArgumentError(`${field} contains a NUL byte`);
  if (isAbsolute(value)) throw new InvalidArgumentError(`${field} ${JSON.stringify(value)} must be relative`);
  const n = normalize(value);
  if (n === ".." || n.startsWith("../") || value.split("/").includes("..")) {
    throw new InvalidArgumentError(`${field} ${JSON.stringify(value)} escapes its directory`);
  }
  return n;
}

export function requirePort(value: number | null | undefined, field: string, allowZero: boolean): number {
  const v = value ?? 0;
  if (!Number.isInteger(v) || v < (allowZero ? 0 : 1) || v > 65535) {
    throw new InvalidArgumentError(`${field} ${v} is not a valid port`);
  }
  return v;
}

export function checkLabels(
  labels: Record<string, string> | null | undefined,
  field: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k === "" || k.length > 317 || k.includes("\0"))
      throw new InvalidArgumentError(`${field} key ${JSON.stringify(k)} is not valid`);
    if (typeof v !== "string" || v.includes("\0"))
      throw new InvalidArgumentError(`${field}[${k}] is not a valid value`);
    out[k] = v;
  }
  return out;
}

/** An enum value the generated code decoded: must be one the proto defines. */
export function requireEnum<T extends number>(
  value: number | null | undefined,
  allowed: Record<string, T | string>,
  field: string,
): T {
  const v = (value ?? 0) as T;
  if (!Object.values(allowed).includes(v))
    throw new InvalidArgumentError(`${field} ${v} is not a known value`);
  return v;
}

export function requireNonNegative(value: number, field: string): number {
  if (!Number.isFinite(value) || value < 0)
    throw new InvalidArgumentError(`${field} ${value} must not be negative`);
  return value;
}
