// A reader over one parsed compose mapping that remembers which keys the converter consumed, so
// that every key left over is reported as a warning with its path instead of being dropped.
import { InvalidArgumentError } from "../../errors.js";

/** A conversion warning: the compose path it concerns and what happened to it. */
export interface ComposeWarning {
  path: string;
  message: string;
}

/** Collects warnings in the order they are found. */
export class WarningSink {
  readonly list: ComposeWarning[] = [];
  add(path: string, message: string): void {
    this.list.push({ path, message });
  }
}

/** An invalid compose file: the message starts with the path of the offending value. */
export class ComposeError extends InvalidArgumentError {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

export function keyPath(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** A scalar as a string; compose accepts numbers and booleans wherever a string is expected. */
export function scalarString(value: unknown, path: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new ComposeError(path, `expected a string, got ${describe(value)}`);
}

/** An integer, also from a numeric string (interpolation always yields strings). */
export function toInteger(value: unknown, path: string, min = 0): number {
  const n = typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n)) {
    throw new ComposeError(path, `expected an integer, got ${describe(value)}`);
  }
  if (n < min) throw new ComposeError(path, `must be at least ${min}, got ${n}`);
  return n;
}

export function toNumber(value: unknown, path: string): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) {
    throw new ComposeError(path, `expected a number, got ${describe(value)}`);
  }
  return n;
}

export function toBoolean(value: unknown, path: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const v = value.toLowerCase();
    if (v === "true" || v === "yes" || v === "1") return true;
    if (v === "false" || v === "no" || v === "0") return false;
  }
  throw new ComposeError(path, `expected true or false, got ${describe(value)}`);
}

/** A string or a list of strings, as a list. */
export function toStringList(value: unknown, path: string): string[] {
  if (Array.isArray(value)) return value.map((v, i) => scalarString(v, indexPath(path, i)));
  return [scalarString(value, path)];
}

export class Mapping {
  private readonly consumed = new Set<string>();

  constructor(
    readonly path: string,
    readonly raw: Record<string, unknown>,
    readonly sink: WarningSink,
  ) {}

  static of(value: unknown, path: string, sink: WarningSink): Mapping {
    if (!isRecord(value)) throw new ComposeError(path, `expected a mapping, got ${describe(value)}`);
    return new Mapping(path, value, sink);
  }

  at(key: string): string {
    return keyPath(this.path, key);
  }

  has(key: string): boolean {
    return Object.hasOwn(this.raw, key) && this.raw[key] !== undefined;
  }

  /** The raw value of a key, marking it consumed; null counts as absent. */
  take(key: string): unknown {
    this.consumed.add(key);
    const v = this.raw[key];
    return v === null ? undefined : v;
  }

  string(key: string): string | undefined {
    const v = this.take(key);
    return v === undefined ? undefined : scalarString(v, this.at(key));
  }

  integer(key: string, min = 0): number | undefined {
    const v = this.take(key);
    return v === undefined ? undefined : toInteger(v, this.at(key), min);
  }

  number(key: string): number | undefined {
    const v = this.take(key);
    return v === undefined ? undefined : toNumber(v, this.at(key));
  }

  boolean(key: string): boolean | undefined {
    const v = this.take(key);
    return v === undefined ? undefined : toBoolean(v, this.at(key));
  }

  mapping(key: string): Mapping | undefined {
    const v = this.take(key);
    return v === undefined ? undefined : Mapping.of(v, this.at(key), this.sink);
  }

  list(key: string): unknown[] | undefined {
    const v = this.take(key);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) throw new ComposeError(this.at(key), `expected a list, got ${describe(v)}`);
    return v;
  }

  /** Consumes a key that is understood but has no equivalent, with a specific reason. */
  ignore(key: string, reason = "not supported, ignored"): void {
    if (!this.has(key)) return;
    this.consumed.add(key);
    this.sink.add(this.at(key), reason);
  }

  warn(key: string, message: string): void {
    this.sink.add(this.at(key), message);
  }

  /** Reports every key nobody consumed; `x-` extension keys are ignored by the compose spec. */
  finish(): void {
    for (const key of Object.keys(this.raw)) {
      if (this.consumed.has(key) || key.startsWith("x-")) continue;
      this.sink.add(this.at(key), "not supported, ignored");
    }
  }
}
