// `env_file` and `environment` of a service: env files are read relative to the compose file in
// order, then `environment` (mapping or "KEY=VALUE" list) overrides them; a key without a value
// takes it from the environment compose runs in.
import { isAbsolute, resolve } from "node:path";
import { errnoCode } from "../../errors.js";
import { type Lookup, parseEnvFile } from "./interpolate.js";
import {
  ComposeError,
  describe,
  indexPath,
  isRecord,
  keyPath,
  Mapping,
  scalarString,
  type WarningSink,
} from "./reader.js";

export interface EnvContext {
  baseDir: string;
  lookup: Lookup;
  readFile: (path: string) => string;
}

function readEnvFile(file: string, required: boolean, ctx: EnvContext, path: string): Map<string, string> {
  const abs = isAbsolute(file) ? file : resolve(ctx.baseDir, file);
  let text: string;
  try {
    text = ctx.readFile(abs);
  } catch (err) {
    if (!required && errnoCode(err) === "ENOENT") return new Map();
    throw new ComposeError(path, `cannot read env file "${abs}": ${errnoCode(err) ?? String(err)}`);
  }
  return parseEnvFile(text, abs, ctx.lookup);
}

export function convertEnvironment(
  envFile: unknown,
  environment: unknown,
  basePath: string,
  ctx: EnvContext,
  sink: WarningSink,
): Map<string, string> {
  const env = new Map<string, string>();
  if (envFile !== undefined) {
    const files = Array.isArray(envFile) ? envFile : [envFile];
    for (const [i, raw] of files.entries()) {
      const path = Array.isArray(envFile) ? indexPath(`${basePath}.env_file`, i) : `${basePath}.env_file`;
      let file: string;
      let required = true;
      if (isRecord(raw)) {
        const m = new Mapping(path, raw, sink);
        const p = m.string("path");
        if (p === undefined) throw new ComposeError(m.at("path"), "required");
        file = p;
        required = m.boolean("required") ?? true;
        const format = m.string("format");
        if (format !== undefined && format !== "raw") {
          m.warn("format", `format "${format}" not supported, read as the usual KEY=VALUE format`);
        }
        m.finish();
      } else {
        file = scalarString(raw, path);
      }
      for (const [k, v] of readEnvFile(file, required, ctx, path)) env.set(k, v);
    }
  }
  const path = `${basePath}.environment`;
  if (Array.isArray(environment)) {
    for (const [i, raw] of environment.entries()) {
      const text = scalarString(raw, indexPath(path, i));
      const eq = text.indexOf("=");
      if (eq >= 0) env.set(text.slice(0, eq), text.slice(eq + 1));
      else setInherited(env, text, ctx.lookup);
    }
  } else if (isRecord(environment)) {
    for (const [k, v] of Object.entries(environment)) {
      if (v === null || v === undefined) setInherited(env, k, ctx.lookup);
      else env.set(k, scalarString(v, keyPath(path, k)));
    }
  } else if (environment !== undefined) {
    throw new ComposeError(path, `expected a mapping or a list, got ${describe(environment)}`);
  }
  return env;
}

function setInherited(env: Map<string, string>, key: string, lookup: Lookup): void {
  const v = lookup(key);
  if (v === undefined) env.delete(key);
  else env.set(key, v);
}
