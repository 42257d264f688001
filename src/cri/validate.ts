// Request validation: malformed input answers INVALID_ARGUMENT naming the field, before anything
// changes. Paths from requests are checked lexically here and resolved safely where they are used.
import { isAbsolute, normalize } from "node:path";
import { InvalidArgumentError } from "../errors.js";

// Names become parts of file names, cgroup paths and log lines: no separators, no control bytes.
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const HOSTNAME_RE =
  /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Kubernetes' limits: object names (pods; critest's container names too, which pass 63) are DNS
 * subdomains of up to 253 characters, namespaces DNS labels of up to 63.
 */
export const MAX_NAME = 253;
export const MAX_NAMESPACE = 63;
/** berthd's ids are 64 hex digits; a shorter unique prefix also names an object. */
export const MAX_ID = 64;
/** Kubernetes label limits: a value of up to 63, a key of a DNS prefix (253) "/" a name (63). */
export const MAX_LABEL_VALUE = 63;
export const MAX_LABEL_KEY = 253 + 1 + 63;
/** How much of a caller's value an error message quotes. */
const SHOWN = 64;

/**
 * A caller's value as error messages quote it: at most 64 characters, with the full length when
 * cut. A message must never carry a megabyte back (it travels in an HTTP/2 trailer) or into logs.
 */
export function shown(value: unknown): string {
  const s = typeof value === "string" ? value : String(value);
  if (s.length <= SHOWN) return JSON.stringify(s);
  return `${JSON.stringify(s.slice(0, SHOWN))}… (${s.length} characters)`;
}

/** Refuses a value longer than `max` before anything else looks at it. */
export function requireMaxLength<T extends string | null | undefined>(
  value: T,
  field: string,
  max: number,
): T {
  if (typeof value === "string" && value.length > max)
    throw new InvalidArgumentError(`${field} is ${value.length} characters long; at most ${max} are allowed`);
  return value;
}

export function requireName(value: string | null | undefined, field: string, max = MAX_NAME): string {
  if (!value) throw new InvalidArgumentError(`${field} must not be empty`);
  requireMaxLength(value, field, max);
  if (!NAME_RE.test(value)) {
    throw new InvalidArgumentError(
      `${field} ${shown(value)} is not a valid name (letters, digits, "-", "_", "." up to ${max})`,
    );
  }
  return value;
}

/** Optional free-form identity fields (pod namespace, uid) still must not carry separators. */
export function optionalName(value: string | null | undefined, field: string, max = MAX_NAME): string {
  if (!value) return "";
  return requireName(value, field, max);
}

/** A pod or container id (or unique prefix of one), refused when longer than any id can be. */
export function requireId(value: string | null | undefined, field: string): string {
  if (!value) throw new InvalidArgumentError(`${field} must not be empty`);
  requireMaxLength(value, field, MAX_ID);
  if (!ID_RE.test(value)) throw new InvalidArgumentError(`${field} ${shown(value)} is not a valid id`);
  return value;
}

/** An optional id in a list filter: empty means any; bounded like requireId. */
export function optionalId(value: string | null | undefined, field: string): string {
  if (!value) return "";
  return requireId(value, field);
}

export function checkHostname(value: string, field: string): string {
  if (value !== "" && (value.length > 64 || !HOSTNAME_RE.test(value))) {
    throw new InvalidArgumentError(`${field} ${shown(value)} is not a valid hostname`);
  }
  return value;
}

/** Linux's PATH_MAX: no path from a request is longer. */
export const MAX_PATH = 4096;

/** An absolute path with no `..` component and no NUL byte. */
export function requireAbsolutePath(value: string | null | undefined, field: string): string {
  if (!value) throw new InvalidArgumentError(`${field} must not be empty`);
  requireMaxLength(value, field, MAX_PATH);
  if (value.includes("\0")) throw new InvalidArgumentError(`${field} contains a NUL byte`);
  if (!isAbsolute(value)) throw new InvalidArgumentError(`${field} ${shown(value)} must be an absolute path`);
  if (value.split("/").includes("..")) {
    throw new InvalidArgumentError(`${field} ${shown(value)} must not contain ".."`);
  }
  return normalize(value);
}

/** A path relative to a root (e.g. a log path under the pod's log directory) that stays inside it. */
export function requireRelativePath(value: string | null | undefined, field: string): string {
  if (!value) throw new InvalidArgumentError(`${field} must not be empty`);
  requireMaxLength(value, field, MAX_PATH);
  if (value.includes("\0")) throw new InvalidArgumentError(`${field} contains a NUL byte`);
  if (isAbsolute(value)) throw new InvalidArgumentError(`${field} ${shown(value)} must be relative`);
  const n = normalize(value);
  if (n === ".." || n.startsWith("../") || value.split("/").includes("..")) {
    throw new InvalidArgumentError(`${field} ${shown(value)} escapes its directory`);
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

/** A string map (sysctls): non-empty keys of bounded length, no NUL bytes. */
export function checkMap(
  map: Record<string, string> | null | undefined,
  field: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map ?? {})) {
    if (k === "" || k.length > MAX_LABEL_KEY || k.includes("\0"))
      throw new InvalidArgumentError(`${field} key ${shown(k)} is not valid`);
    if (typeof v !== "string" || v.includes("\0") || v.length > MAX_PATH)
      throw new InvalidArgumentError(`${field}[${shown(k)}] is not a valid value`);
    out[k] = v;
  }
  return out;
}

// Kubernetes' qualified names (label and annotation keys): an optional DNS-subdomain prefix and "/",
// then a name of up to 63 characters; label values are empty or such a name.
const LABEL_NAME_RE = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** kubelet's own labels carry pod names, which are DNS subdomains of up to 253 characters. */
const KUBELET_LABEL_PREFIX = "io.kubernetes.";
/**
 * Kubernetes caps a pod's annotations at 256 KiB in total; kubelet adds a few of its own (container
 * hash, ports, termination message path) on top, for which 16 KiB are left.
 */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024 + 16 * 1024;

function checkQualifiedName(k: string, field: string): void {
  const bad = (why: string): never => {
    throw new InvalidArgumentError(`${field} key ${shown(k)} ${why}`);
  };
  if (k.length > MAX_LABEL_KEY) bad(`is ${k.length} characters long; at most ${MAX_LABEL_KEY} are allowed`);
  const slash = k.indexOf("/");
  const prefix = slash >= 0 ? k.slice(0, slash) : "";
  const name = slash >= 0 ? k.slice(slash + 1) : k;
  if (slash >= 0 && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN_RE.test(prefix)))
    bad("has a prefix that is not a DNS subdomain (lower case, up to 253 characters)");
  if (name.length === 0 || name.length > 63 || !LABEL_NAME_RE.test(name))
    bad(`is not a qualified name (letters, digits, "-", "_", "." up to 63, optionally after "prefix/")`);
}

/** Labels as Kubernetes validates them: qualified-name keys, values of up to 63 characters. */
export function checkLabels(
  labels: Record<string, string> | null | undefined,
  field: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels ?? {})) {
    checkQualifiedName(k, field);
    const max = k.startsWith(KUBELET_LABEL_PREFIX) ? MAX_NAME : MAX_LABEL_VALUE;
    if (typeof v !== "string") throw new InvalidArgumentError(`${field}[${shown(k)}] is not a string`);
    requireMaxLength(v, `${field}[${shown(k)}]`, max);
    if (v !== "" && !LABEL_NAME_RE.test(v))
      throw new InvalidArgumentError(
        `${field}[${shown(k)}] is not a valid label value (letters, digits, "-", "_", ".")`,
      );
    out[k] = v;
  }
  return out;
}

/** Annotations as Kubernetes validates them: qualified-name keys, 256 KiB in total (plus kubelet's). */
export function checkAnnotations(
  annotations: Record<string, string> | null | undefined,
  field: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    checkQualifiedName(k, field);
    if (typeof v !== "string") throw new InvalidArgumentError(`${field}[${shown(k)}] is not a string`);
    total += Buffer.byteLength(k) + Buffer.byteLength(v);
    if (total > MAX_ANNOTATIONS_BYTES)
      throw new InvalidArgumentError(
        `${field} are larger than ${MAX_ANNOTATIONS_BYTES} bytes in total (Kubernetes allows 256 KiB)`,
      );
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

/** A list filter: ids bounded like ids, label selectors like labels. Returns it for chaining. */
export function checkFilter<
  F extends {
    id?: string | null;
    podSandboxId?: string | null;
    labelSelector?: Record<string, string> | null;
  },
>(filter: F | null | undefined, field: string): F | null | undefined {
  if (!filter) return filter;
  requireMaxLength(filter.id, `${field}.id`, MAX_ID);
  requireMaxLength(filter.podSandboxId, `${field}.pod_sandbox_id`, MAX_ID);
  for (const [k, v] of Object.entries(filter.labelSelector ?? {})) {
    requireMaxLength(k, `${field}.label_selector key`, MAX_LABEL_KEY);
    requireMaxLength(v, `${field}.label_selector[${shown(k)}]`, MAX_LABEL_VALUE);
  }
  return filter;
}
