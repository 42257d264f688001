// Compose `secrets:` and `configs:`: each declared one becomes a Secret or a ConfigMap (its
// content read at convert time from `file:`, `environment:` or `content:`), mounted as one file
// where the service asks for it (/run/secrets/<name> and /<name> by default). The values of
// secrets are also kept out of the Service: environment entries that carry one are moved into a
// per-service Secret and referenced from there.
import { isAbsolute, posix, resolve } from "node:path";
import type {
  V1Container,
  V1EnvVar,
  V1PodTemplateSpec,
  V1Volume,
  V1VolumeMount,
} from "@kubernetes/client-node";
import { errnoCode } from "../../errors.js";
import type { Lookup } from "./interpolate.js";
import {
  type ComposeObject,
  dataKey,
  existingName,
  type ObjectNames,
  objectName,
  projectMeta,
} from "./objects.js";
import {
  ComposeError,
  describe,
  indexPath,
  isRecord,
  Mapping,
  scalarString,
  type WarningSink,
} from "./reader.js";

export type Section = "secrets" | "configs";

const KIND = { secrets: "Secret", configs: "ConfigMap" } as const;
const SINGULAR = { secrets: "secret", configs: "config" } as const;

/** One entry of the top-level `secrets` or `configs` section. */
export interface FileObject {
  section: Section;
  name: string;
  /** The Secret or ConfigMap pods mount. */
  objectName: string;
  /** Its data key holding the content. */
  key: string;
  /** An existing object: mounted, not created, its content unknown. */
  external: boolean;
  /** The variable an `environment:` secret reads: env entries of that name are secret too. */
  envVar?: string;
  /** The content, read on first use; undefined for external ones. */
  content?: () => Buffer;
  labels: Record<string, string>;
}

export interface FileObjectContext {
  baseDir: string;
  lookup: Lookup;
  readBytes: (path: string) => Buffer;
}

/** Declares the entries of one top-level section; nothing is read yet. */
export function declareFileObjects(
  section: Section,
  top: Mapping | undefined,
  project: string,
  ctx: FileObjectContext,
  names: ObjectNames,
): Map<string, FileObject> {
  const out = new Map<string, FileObject>();
  if (!top) return out;
  for (const name of Object.keys(top.raw)) {
    const def = top.mapping(name) ?? new Mapping(top.at(name), {}, top.sink);
    const external = def.boolean("external") ?? false;
    const given = def.string("name");
    const file = def.string("file");
    const envVar = def.string("environment");
    const inline = section === "configs" ? def.string("content") : undefined;
    for (const k of ["driver", "driver_opts", "template_driver"])
      def.ignore(k, `${SINGULAR[section]} drivers not supported, ignored`);
    const labels = def.take("labels");
    const sources = [file, envVar, inline].filter((s) => s !== undefined).length + (external ? 1 : 0);
    const choices =
      section === "configs" ? "file, environment, content or external" : "file, environment or external";
    if (sources !== 1) throw new ComposeError(def.path, `needs exactly one of ${choices}`);
    const obj: FileObject = {
      section,
      name,
      objectName: external
        ? existingName(given ?? name, def.at(given === undefined ? "external" : "name"))
        : objectName(given ?? `${project}-${name}`, def.path),
      key: dataKey(name),
      external,
      labels: labels === undefined ? {} : stringMap(labels, def.at("labels")),
    };
    if (!external) names.claim(KIND[section], obj.objectName, def.path);
    if (envVar !== undefined) obj.envVar = envVar;
    const at = def.at(file !== undefined ? "file" : envVar !== undefined ? "environment" : "content");
    if (file !== undefined) {
      const abs = isAbsolute(file) ? file : resolve(ctx.baseDir, file);
      obj.content = () => {
        try {
          return ctx.readBytes(abs);
        } catch (err) {
          throw new ComposeError(at, `cannot read "${abs}": ${errnoCode(err) ?? String(err)}`);
        }
      };
    } else if (envVar !== undefined) {
      obj.content = () => {
        const v = ctx.lookup(envVar);
        if (v === undefined) throw new ComposeError(at, `environment variable "${envVar}" is not set`);
        return Buffer.from(v, "utf8");
      };
    } else if (inline !== undefined) {
      obj.content = () => Buffer.from(inline, "utf8");
    }
    out.set(name, obj);
    def.finish();
  }
  top.finish();
  return out;
}

function stringMap(raw: unknown, path: string): Record<string, string> {
  if (Array.isArray(raw)) {
    return Object.fromEntries(
      raw.map((v, i) => {
        const t = scalarString(v, indexPath(path, i));
        const eq = t.indexOf("=");
        return eq < 0 ? [t, ""] : [t.slice(0, eq), t.slice(eq + 1)];
      }),
    );
  }
  if (!isRecord(raw)) throw new ComposeError(path, `expected a mapping or a list, got ${describe(raw)}`);
  return Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, v === null ? "" : scalarString(v, `${path}.${k}`)]),
  );
}

/** A file mode: compose writes octal (0440, "0440", "0o440"); numbers arrive already parsed. */
export function fileMode(value: unknown, path: string): number {
  let n: number | undefined;
  if (typeof value === "number" && Number.isInteger(value)) n = value;
  else if (typeof value === "string" && /^(0o?)?[0-7]{1,4}$/.test(value.trim()))
    n = Number.parseInt(value.trim().replace(/^0o/, ""), 8);
  if (n === undefined || n < 0 || n > 0o777)
    throw new ComposeError(path, `expected a file mode such as 0440, got ${describe(value)}`);
  return n;
}

export interface FileMounts {
  volumes: V1Volume[];
  mounts: V1VolumeMount[];
}

/** A service's `secrets:` or `configs:` list: one single-file mount per entry. */
export function convertFileMounts(
  section: Section,
  list: unknown[] | undefined,
  basePath: string,
  declared: ReadonlyMap<string, FileObject>,
  used: Set<FileObject>,
  sink: WarningSink,
): FileMounts {
  const out: FileMounts = { volumes: [], mounts: [] };
  for (const [i, raw] of (list ?? []).entries()) {
    const path = indexPath(`${basePath}.${section}`, i);
    let source: string;
    let target: string | undefined;
    let mode: number | undefined;
    if (isRecord(raw)) {
      const m = new Mapping(path, raw, sink);
      const s = m.string("source");
      if (s === undefined) throw new ComposeError(m.at("source"), "required");
      source = s;
      target = m.string("target");
      const modeRaw = m.take("mode");
      if (modeRaw !== undefined) mode = fileMode(modeRaw, m.at("mode"));
      for (const k of ["uid", "gid"])
        m.ignore(
          k,
          "file owners of mounted secrets and configs not supported (the pod's fsGroup decides), ignored",
        );
      m.finish();
    } else {
      source = scalarString(raw, path);
    }
    const obj = declared.get(source);
    if (!obj)
      throw new ComposeError(
        path,
        `${SINGULAR[section]} "${source}" is not declared in the top-level ${section} section`,
      );
    used.add(obj);
    const base = section === "secrets" ? "/run/secrets" : "/";
    const mountPath = posix.normalize(posix.resolve(base, target ?? source));
    const volumeName = `${SINGULAR[section]}-${i}-${obj.key.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`
      .slice(0, 63)
      .replace(/-+$/, "");
    const ref = { defaultMode: mode ?? 0o444 };
    out.volumes.push(
      section === "secrets"
        ? { name: volumeName, secret: { secretName: obj.objectName, ...ref } }
        : { name: volumeName, configMap: { name: obj.objectName, ...ref } },
    );
    out.mounts.push({ name: volumeName, mountPath, subPath: obj.key, readOnly: true });
  }
  return out;
}

/** The Secret or ConfigMap of a used, non-external entry. */
export function fileObjectResource(obj: FileObject, project: string): ComposeObject {
  const content = (obj.content as () => Buffer)();
  const metadata = projectMeta(obj.objectName, project, obj.labels);
  if (obj.section === "secrets") {
    return {
      apiVersion: "v1",
      kind: "Secret",
      metadata,
      type: "Opaque",
      data: { [obj.key]: content.toString("base64") },
    };
  }
  const text = content.toString("utf8");
  return Buffer.from(text, "utf8").equals(content)
    ? { apiVersion: "v1", kind: "ConfigMap", metadata, data: { [obj.key]: text } }
    : {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata,
        binaryData: { [obj.key]: content.toString("base64") },
      };
}

/** What counts as a secret value: every readable secret's content (also trimmed) and its variable. */
export interface SecretValues {
  values: Array<{ secret: string; value: string }>;
  envVars: Map<string, string>;
}

export function secretValues(
  secrets: ReadonlyMap<string, FileObject>,
  used: ReadonlySet<FileObject>,
): SecretValues {
  const out: SecretValues = { values: [], envVars: new Map() };
  for (const obj of secrets.values()) {
    if (obj.envVar !== undefined) out.envVars.set(obj.envVar, obj.name);
    if (!obj.content) continue;
    let text: string;
    try {
      text = obj.content().toString("utf8");
    } catch (err) {
      // An unused secret whose file is missing is not an error, as in compose.
      if (used.has(obj)) throw err;
      continue;
    }
    for (const v of new Set([text, text.trim()]))
      if (v !== "") out.values.push({ secret: obj.name, value: v });
  }
  // Longest first, so a secret that contains another is replaced whole.
  out.values.sort((a, b) => b.value.length - a.value.length);
  return out;
}

/** Below this length a value is too common to refuse everywhere; it is still kept out of env. */
const MIN_SCANNED = 4;

/**
 * Moves environment entries that carry a secret (by value, or by the name of a variable a secret
 * reads) into a per-service Secret, and command/args occurrences into `$(VAR)` references to
 * them; refuses a secret value anywhere else in the pod template. Returns the Secret, if any.
 */
export function protectSecrets(
  service: string,
  template: V1PodTemplateSpec,
  secrets: SecretValues,
  project: string,
  names: ObjectNames,
  sink: WarningSink,
): ComposeObject | undefined {
  if (secrets.values.length === 0 && secrets.envVars.size === 0) return undefined;
  const path = `services.${service}`;
  const secretName = objectName(`${project}-${service}-env`, path);
  const data: Record<string, string> = {};
  const containers: V1Container[] = template.spec?.containers ?? [];
  for (const c of containers) {
    const env: V1EnvVar[] = c.env ?? [];
    const byValue = new Map<string, string>();
    for (const e of env) {
      if (e.value === undefined) continue;
      const holds =
        secrets.envVars.has(e.name) || secrets.values.some((s) => e.value?.includes(s.value) === true);
      if (!holds) continue;
      const key = dataKey(e.name);
      data[key] = Buffer.from(e.value, "utf8").toString("base64");
      if (!byValue.has(e.value)) byValue.set(e.value, e.name);
      delete e.value;
      e.valueFrom = { secretKeyRef: { name: secretName, key } };
    }
    for (const field of ["command", "args"] as const) {
      const words = c[field];
      if (!words) continue;
      c[field] = words.map((word) => {
        let out = word;
        for (const s of secrets.values) {
          if (s.value.length < MIN_SCANNED || !out.includes(s.value)) continue;
          let ref = byValue.get(s.value);
          if (ref === undefined) {
            ref = `BERTH_SECRET_${s.secret.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
            data[dataKey(ref)] = Buffer.from(s.value, "utf8").toString("base64");
            env.push({ name: ref, valueFrom: { secretKeyRef: { name: secretName, key: dataKey(ref) } } });
            byValue.set(s.value, ref);
          }
          out = out.split(s.value).join(`$(${ref})`);
          sink.add(
            `${path}.${field === "args" ? "command" : "entrypoint"}`,
            `the value of secret "${s.secret}" is passed as $(${ref}), read from Secret "${secretName}"`,
          );
        }
        return out;
      });
    }
    if (env.length > 0) c.env = env;
  }
  const rest = JSON.stringify(template);
  for (const s of secrets.values) {
    if (s.value.length >= MIN_SCANNED && rest.includes(JSON.stringify(s.value).slice(1, -1))) {
      throw new ComposeError(
        path,
        `holds the value of secret "${s.secret}" outside environment, entrypoint and command; berth does not write secret values into a Service (read it from the mounted secret instead)`,
      );
    }
  }
  if (Object.keys(data).length === 0) return undefined;
  names.claim("Secret", secretName, path);
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: projectMeta(secretName, project),
    type: "Opaque",
    data,
  };
}
