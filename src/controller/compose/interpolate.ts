// Compose variable interpolation (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
// `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, `$$`) and the `.env` file format,
// following the compose specification's "Interpolation" and "env_file format" sections.
import { ComposeError, indexPath, isRecord, keyPath, type WarningSink } from "./reader.js";

export type Lookup = (name: string) => string | undefined;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Interpolates one string; unset variables without a default become "" with a warning. */
export function interpolateString(input: string, lookup: Lookup, path: string, sink?: WarningSink): string {
  let out = "";
  let i = 0;
  while (i < input.length) {
    const dollar = input.indexOf("$", i);
    if (dollar < 0) {
      out += input.slice(i);
      break;
    }
    out += input.slice(i, dollar);
    const next = input[dollar + 1];
    if (next === "$") {
      out += "$";
      i = dollar + 2;
      continue;
    }
    if (next === "{") {
      const end = matchingBrace(input, dollar + 2);
      if (end < 0) throw new ComposeError(path, `invalid interpolation format in "${input}": missing "}"`);
      out += expandBraced(input.slice(dollar + 2, end), input, lookup, path, sink);
      i = end + 1;
      continue;
    }
    const named = NAME.exec(input.slice(dollar + 1));
    if (named) {
      out += resolve(named[0], lookup, path, sink);
      i = dollar + 1 + named[0].length;
      continue;
    }
    // A lone "$" not followed by a name is kept literally, as docker compose does.
    out += "$";
    i = dollar + 1;
  }
  return out;
}

function matchingBrace(s: string, from: number): number {
  let depth = 1;
  for (let j = from; j < s.length; j++) {
    if (s[j] === "$" && s[j + 1] === "{") {
      depth++;
      j++;
    } else if (s[j] === "}") {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

function resolve(name: string, lookup: Lookup, path: string, sink?: WarningSink): string {
  const v = lookup(name);
  if (v === undefined) {
    sink?.add(path, `variable "${name}" is not set, substituted with an empty string`);
    return "";
  }
  return v;
}

function expandBraced(body: string, whole: string, lookup: Lookup, path: string, sink?: WarningSink): string {
  const named = NAME.exec(body);
  if (!named) throw new ComposeError(path, `invalid interpolation format in "${whole}": bad variable name`);
  const name = named[0];
  const rest = body.slice(name.length);
  if (rest === "") return resolve(name, lookup, path, sink);
  const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest)?.[0];
  if (!op) throw new ComposeError(path, `invalid interpolation format in "${whole}"`);
  const arg = () => interpolateString(rest.slice(op.length), lookup, path, sink);
  const value = lookup(name);
  const unsetOrEmpty = value === undefined || value === "";
  switch (op) {
    case ":-":
      return unsetOrEmpty ? arg() : value;
    case "-":
      return value === undefined ? arg() : value;
    case ":?":
      if (unsetOrEmpty)
        throw new ComposeError(path, `required variable "${name}" is missing a value: ${arg()}`);
      return value;
    case "?":
      if (value === undefined) {
        throw new ComposeError(path, `required variable "${name}" is missing a value: ${arg()}`);
      }
      return value;
    case ":+":
      return unsetOrEmpty ? "" : arg();
    default:
      return value === undefined ? "" : arg();
  }
}

/** Interpolates every string value of a parsed compose document (keys are left alone). */
export function interpolateDocument(doc: unknown, lookup: Lookup, sink: WarningSink, path = ""): unknown {
  if (typeof doc === "string") return interpolateString(doc, lookup, path, sink);
  if (Array.isArray(doc)) return doc.map((v, i) => interpolateDocument(v, lookup, sink, indexPath(path, i)));
  if (isRecord(doc)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(doc)) {
      // Extension fields are ignored, so their content must not be able to fail the file; berth's
      // own (x-berth-*) are read, and interpolated like any other key.
      out[k] =
        k.startsWith("x-") && !k.startsWith("x-berth-")
          ? v
          : interpolateDocument(v, lookup, sink, keyPath(path, k));
    }
    return out;
  }
  return doc;
}

/**
 * Parses a `.env` / `env_file` text: `KEY=VALUE` lines, `#` comments, optional `export `, single
 * quotes literal, double quotes with escapes, unquoted values trimmed and cut at " #". Unquoted and
 * double-quoted values are interpolated against earlier keys, then `lookup`. A bare `KEY` takes
 * its value from `lookup` and is left out when unset.
 */
export function parseEnvFile(
  text: string,
  file: string,
  lookup: Lookup = () => undefined,
): Map<string, string> {
  const vars = new Map<string, string>();
  const scoped: Lookup = (name) => vars.get(name) ?? lookup(name);
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const where = `${file}:${index + 1}`;
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const body = line.startsWith("export ") ? line.slice(7).trimStart() : line;
    const eq = body.indexOf("=");
    const key = (eq < 0 ? body : body.slice(0, eq)).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) {
      throw new ComposeError(where, `invalid variable name "${key}"`);
    }
    if (eq < 0) {
      const inherited = lookup(key);
      if (inherited !== undefined) vars.set(key, inherited);
      continue;
    }
    vars.set(key, envValue(body.slice(eq + 1).trim(), where, scoped));
  }
  return vars;
}

function envValue(v: string, where: string, lookup: Lookup): string {
  if (v.startsWith("'")) {
    const end = v.indexOf("'", 1);
    if (end < 0) throw new ComposeError(where, "unterminated single-quoted value");
    return v.slice(1, end);
  }
  if (v.startsWith('"')) {
    let out = "";
    for (let j = 1; j < v.length; j++) {
      const c = v[j];
      if (c === '"') return interpolateString(out, lookup, where);
      if (c === "\\" && j + 1 < v.length) {
        const e = v[++j];
        out += e === "n" ? "\n" : e === "t" ? "\t" : e === "r" ? "\r" : e;
        continue;
      }
      out += c;
    }
    throw new ComposeError(where, "unterminated double-quoted value");
  }
  const hash = v.search(/\s#/);
  return interpolateString((hash < 0 ? v : v.slice(0, hash)).trim(), lookup, where);
}
