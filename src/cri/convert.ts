// Small conversions between CRI wire shapes and Berth's own values.
import Long from "long";
import { InvalidArgumentError } from "../errors.js";

/** Nanoseconds since the epoch as the int64 Long the wire carries. */
export function nsToLong(ns: bigint | string | number): Long {
  return Long.fromString(String(ns));
}

/** Current time in nanoseconds (wall clock, nanosecond field from hrtime for ordering). */
export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
}

/** An int64 field as a JavaScript number (ids, sizes, resource values stay far below 2^53). */
export function toNumber(v: number | Long | null | undefined): number {
  if (v === null || v === undefined) return 0;
  return typeof v === "number" ? v : v.toNumber();
}

/** A required string field: non-empty, or INVALID_ARGUMENT naming it. */
export function requireString(value: string | null | undefined, field: string): string {
  if (typeof value !== "string" || value === "") throw new InvalidArgumentError(`${field} must not be empty`);
  return value;
}
