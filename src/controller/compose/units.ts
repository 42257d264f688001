// Value formats compose borrows from Docker and Go: shell-like word splitting, Go durations,
// CPU counts and byte sizes (docker/go-units RAMInBytes: binary multiples, suffix case-insensitive).
import { ComposeError, describe } from "./reader.js";

/** Splits a command string into words like a POSIX shell would, without any expansion. */
export function splitShellWords(input: string, path: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as string;
    if (c === "'") {
      const end = input.indexOf("'", i + 1);
      if (end < 0) throw new ComposeError(path, `unterminated single quote in "${input}"`);
      word += input.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < input.length && input[j] !== '"'; j++) {
        // Inside double quotes a backslash only escapes the characters the shell gives meaning to.
        if (input[j] === "\\" && '"\\$`'.includes(input[j + 1] ?? "")) j++;
        word += input[j];
      }
      if (j >= input.length) throw new ComposeError(path, `unterminated double quote in "${input}"`);
      inWord = true;
      i = j;
    } else if (c === "\\") {
      if (i + 1 < input.length) word += input[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** A Go duration ("1m30s", "500ms", "0") in milliseconds. */
export function parseDuration(value: unknown, path: string): number {
  const s = typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : undefined;
  if (s === undefined) throw new ComposeError(path, `expected a duration like "10s", got ${describe(value)}`);
  if (s === "0") return 0;
  const re = /(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m)
      throw new ComposeError(
        path,
        `invalid duration "${s}" (use a number and a unit, e.g. "10s" or "1m30s")`,
      );
    total += Number(m[1]) * (DURATION_UNITS[m[2] as string] as number);
    pos = re.lastIndex;
  }
  if (s.length === 0) throw new ComposeError(path, "empty duration");
  return total;
}

/** A CPU count (0.5, "1.25") as a Kubernetes quantity ("500m", "1250m", "2"). */
export function cpusToQuantity(value: unknown, path: string): string {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n) || n <= 0) {
    throw new ComposeError(path, `expected a positive CPU count such as 0.5, got ${describe(value)}`);
  }
  const milli = Math.round(n * 1000);
  if (milli < 1) throw new ComposeError(path, `CPU count ${n} is below the 0.001 CPU Kubernetes can express`);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

const BINARY: Record<string, number> = {
  "": 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

/** A byte size ("512m", "1.5GB", 1048576) in bytes. */
export function parseBytes(value: unknown, path: string): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  const m = typeof value === "string" ? /^\s*(\d+(?:\.\d+)?)\s*([kmgtp])?i?b?\s*$/i.exec(value) : null;
  if (!m)
    throw new ComposeError(path, `expected a byte size such as "512m" or "1gb", got ${describe(value)}`);
  return Math.round(Number(m[1]) * (BINARY[(m[2] ?? "").toLowerCase()] as number));
}

/** Bytes as a Kubernetes quantity, using the largest exact binary suffix ("512Mi", "1536Ki"). */
export function bytesToQuantity(bytes: number): string {
  for (const [suffix, mult] of [
    ["Pi", 1024 ** 5],
    ["Ti", 1024 ** 4],
    ["Gi", 1024 ** 3],
    ["Mi", 1024 ** 2],
    ["Ki", 1024],
  ] as const) {
    if (bytes >= mult && bytes % mult === 0) return `${bytes / mult}${suffix}`;
  }
  return String(bytes);
}

const QUANTITY = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;

/**
 * A storage size as a Kubernetes quantity: one already ("5Gi", "500M", "1073741824") is kept,
 * a compose byte size ("5g", "512mb", binary multiples) is converted.
 */
export function storageQuantity(value: unknown, path: string): string {
  if (typeof value === "string" && QUANTITY.test(value.trim())) return value.trim();
  const bytes = parseBytes(value, path);
  if (bytes <= 0) throw new ComposeError(path, `a volume size must be positive, got ${describe(value)}`);
  return bytesToQuantity(bytes);
}
