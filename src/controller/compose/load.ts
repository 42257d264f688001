// Reads a compose file and the `.env` beside it, ready for convertCompose.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { isScalar, parseDocument, visit } from "yaml";
import { errnoCode } from "../../errors.js";
import { type ConvertOptions, type ConvertResult, convertCompose } from "./convert.js";
import { parseEnvFile } from "./interpolate.js";
import { ComposeError } from "./reader.js";
import type { NamedVolumeMode } from "./volumes.js";

export const DEFAULT_FILES = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];

/** The compose file to use: the given one, or the first default name present in `cwd`. */
export function findComposeFile(given: string | undefined, cwd: string): string {
  if (given !== undefined) return resolve(cwd, given);
  for (const name of DEFAULT_FILES) {
    const p = resolve(cwd, name);
    if (existsSync(p)) return p;
  }
  throw new ComposeError("-f", `no compose file given and none of ${DEFAULT_FILES.join(", ")} in ${cwd}`);
}

export function parseComposeYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { merge: true });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    // The pretty message repeats the position and a snippet; keep its first sentence.
    const reason = err.message.split(/ at line \d+/)[0];
    throw new ComposeError(pos ? `${file}:${pos.line}:${pos.col}` : file, `invalid YAML: ${reason}`);
  }
  // Compose reads YAML with go-yaml, where a plain 0440 is octal; YAML 1.2 reads 440. Only file
  // modes are written that way, so only `mode:` values are read as octal.
  visit(doc, {
    Pair(_, pair) {
      const v = pair.value;
      if (isScalar(pair.key) && pair.key.value === "mode" && isScalar(v) && v.type === "PLAIN") {
        const src = v.source;
        if (typeof src === "string" && /^0[0-7]+$/.test(src)) v.value = Number.parseInt(src, 8);
      }
    },
  });
  return doc.toJS({ maxAliasCount: 10_000 });
}

export interface LoadOptions {
  project?: string;
  namespace?: string;
  /** The environment compose runs in; wins over `.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  namedVolumes?: NamedVolumeMode;
}

/** Reads, interpolates and converts one compose file. */
export function loadCompose(file: string, opts: LoadOptions = {}): ConvertResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ComposeError(file, `cannot read compose file: ${errnoCode(err) ?? String(err)}`);
  }
  const baseDir = dirname(file);
  const processEnv = opts.env ?? process.env;
  const env: Record<string, string | undefined> = {};
  const dotEnvPath = resolve(baseDir, ".env");
  if (existsSync(dotEnvPath)) {
    for (const [k, v] of parseEnvFile(readFileSync(dotEnvPath, "utf8"), dotEnvPath, (n) => processEnv[n])) {
      env[k] = v;
    }
  }
  for (const [k, v] of Object.entries(processEnv)) if (v !== undefined) env[k] = v;
  const convertOpts: ConvertOptions = { baseDir, env };
  if (opts.project !== undefined) convertOpts.project = opts.project;
  if (opts.namespace !== undefined) convertOpts.namespace = opts.namespace;
  if (opts.namedVolumes !== undefined) convertOpts.namedVolumes = opts.namedVolumes;
  return convertCompose(parseComposeYaml(text, file), convertOpts);
}
