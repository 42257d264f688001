// A parsed compose document → berth Services. Pure apart from reading env files through
// `readFile`; every key that has no equivalent comes back as a warning with its path.
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { basename } from "node:path";
import { interpolateDocument, type Lookup } from "./interpolate.js";
import { splitLabels } from "./labels.js";
import { type ComposeObject, ObjectNames } from "./objects.js";
import { CycleError, dependencyOrder } from "./order.js";
import { ComposeError, type ComposeWarning, Mapping, WarningSink } from "./reader.js";
import { type ComposeResource, toResource } from "./resource.js";
import {
  declareFileObjects,
  type FileObject,
  fileObjectResource,
  protectSecrets,
  secretValues,
} from "./secrets.js";
import { type ConvertedService, convertService } from "./service.js";
import { declareVolumes, type NamedVolume, type NamedVolumeMode } from "./volumes.js";

export interface ConvertOptions {
  /** Folder of the compose file: env files, `.env` and relative bind mounts resolve against it. */
  baseDir: string;
  /** `-p`: wins over the file's `name:` and the folder name. */
  project?: string;
  /** `-n`: written into each resource's metadata when given. */
  namespace?: string;
  /** Variables for interpolation and valueless environment entries (process env over `.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  readFile?: (path: string) => string;
  /** Reads `file:` secrets and configs. */
  readBytes?: (path: string) => Buffer;
  home?: string;
  /** `--named-volumes`: what named volumes become (default "pvc"). */
  namedVolumes?: NamedVolumeMode;
}

export interface ConvertResult {
  project: string;
  /** Berth Services in dependency order (dependencies first). */
  resources: ComposeResource[];
  /** Core objects the Services use (claims, config maps, secrets), applied before them. */
  objects: ComposeObject[];
  warnings: ComposeWarning[];
}

const DNS_1035 = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_RULE =
  "lowercase letters, digits and '-', starting with a letter, ending with a letter or digit, at most 63 characters";

export function checkName(name: string, what: string, path: string): string {
  if (!DNS_1035.test(name))
    throw new ComposeError(path, `${what} "${name}" is not a valid DNS label (${DNS_RULE})`);
  return name;
}

/** Compose's default project name: the folder name, lowercased, other characters dropped. */
export function projectFromFolder(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^[^a-z]+|-+$/g, "");
  return name === "" ? "default" : name.slice(0, 63).replace(/-+$/, "");
}

export function convertCompose(doc: unknown, opts: ConvertOptions): ConvertResult {
  const sink = new WarningSink();
  const env = opts.env ?? process.env;
  const lookup: Lookup = (name) => env[name];
  const top = Mapping.of(interpolateDocument(doc ?? {}, lookup, sink), "", sink);

  const fileName = top.string("name");
  const project =
    opts.project !== undefined
      ? checkName(opts.project, "project name", "-p")
      : fileName !== undefined
        ? checkName(fileName, "project name", "name")
        : projectFromFolder(opts.baseDir);
  if (top.has("version")) top.ignore("version", "obsolete, ignored");
  top.ignore("networks", "top-level networks not supported, ignored");
  top.ignore("include", "include not supported, ignored (merge the files first)");

  const names = new ObjectNames();
  const declared = declareVolumes(top.mapping("volumes"), project, opts.namedVolumes ?? "pvc", names);
  const fileCtx = {
    baseDir: opts.baseDir,
    lookup,
    readBytes: opts.readBytes ?? ((p: string) => readFileSync(p)),
  };
  const fileObjects = {
    secrets: declareFileObjects("secrets", top.mapping("secrets"), project, fileCtx, names),
    configs: declareFileObjects("configs", top.mapping("configs"), project, fileCtx, names),
  };
  const usedFileObjects = new Set<FileObject>();
  const services = top.mapping("services");
  if (!services || Object.keys(services.raw).length === 0) {
    throw new ComposeError("services", "required: the file defines no services");
  }
  const serviceNames = Object.keys(services.raw);
  for (const name of serviceNames) checkName(name, "service name", services.at(name));

  const ctx = {
    baseDir: opts.baseDir,
    lookup,
    readFile: opts.readFile ?? ((p: string) => readFileSync(p, "utf8")),
    declared,
    home: opts.home ?? homedir(),
    services: new Set(serviceNames),
    fileObjects,
    usedFileObjects,
  };
  const converted = new Map<string, ConvertedService>();
  for (const name of serviceNames) {
    const m = services.mapping(name) ?? Mapping.of({}, services.at(name), sink);
    converted.set(name, convertService(m, name, ctx));
  }
  services.finish();
  top.finish();

  let order: string[];
  try {
    order = dependencyOrder(serviceNames, (n) => converted.get(n)?.dependsOn.map((d) => d.service) ?? []);
  } catch (err) {
    if (err instanceof CycleError) {
      const first = err.cycle.split(" -> ")[0] as string;
      throw new ComposeError(`services.${first}.depends_on`, err.message);
    }
    throw err;
  }

  const secrets = secretValues(fileObjects.secrets, usedFileObjects);
  const envSecrets: ComposeObject[] = [];
  for (const name of order) {
    const s = converted.get(name) as ConvertedService;
    const moved = protectSecrets(name, s.template, secrets, project, names, sink);
    if (moved) envSecrets.push(moved);
  }
  const files = [...fileObjects.configs.values(), ...fileObjects.secrets.values()];
  for (const f of files) {
    if (!usedFileObjects.has(f) && !f.external)
      sink.add(
        `${f.section}.${f.name}`,
        `used by no service, no ${f.section === "secrets" ? "Secret" : "ConfigMap"} is created`,
      );
  }
  const created = files
    .filter((f) => usedFileObjects.has(f) && !f.external)
    .map((f) => fileObjectResource(f, project));
  const objects = [...volumeWarnings(declared, converted, sink), ...created, ...envSecrets].map((o) =>
    opts.namespace === undefined ? o : { ...o, metadata: { ...o.metadata, namespace: opts.namespace } },
  );

  const resources = order.map((name) => {
    const s = converted.get(name) as ConvertedService;
    const meta = s.deploy.labels
      ? splitLabels(s.deploy.labels, s.deploy.labelsPath ?? "", sink)
      : { labels: {}, annotations: {} };
    return toResource(s, {
      project,
      namespace: opts.namespace,
      labels: meta.labels,
      annotations: meta.annotations,
    });
  });
  return { project, resources, objects, warnings: sink.list };
}

/** Accessing one volume from more than one pod works only as far as its access mode allows. */
function sharingNote(mode: string, claimName: string): string {
  return mode === "ReadWriteOncePod"
    ? `the claim "${claimName}" is ReadWriteOncePod: only one pod can use it, the others stay Pending`
    : `the claim "${claimName}" is ${mode}: pods on a node other than the one that mounted it first cannot start`;
}

/**
 * Reports what a named volume cannot do once it is a claim (or an emptyDir) and returns the
 * claims to create: only those of volumes a service uses, so no claim waits for a consumer.
 */
function volumeWarnings(
  declared: ReadonlyMap<string, NamedVolume>,
  converted: ReadonlyMap<string, ConvertedService>,
  sink: WarningSink,
): ComposeObject[] {
  const users = new Map<string, string[]>();
  for (const s of converted.values()) {
    for (const use of s.namedVolumes) {
      users.set(use.volume, [...(users.get(use.volume) ?? []), s.name]);
      const vol = declared.get(use.volume);
      if (
        vol?.claimName === undefined ||
        vol.accessMode === "ReadWriteMany" ||
        vol.accessMode === "ReadOnlyMany"
      )
        continue;
      const many =
        s.deploy.mode === "Global"
          ? "a Global service (a pod per node) mounts"
          : (s.deploy.replicas ?? 1) > 1
            ? `${s.deploy.replicas} replicas mount`
            : undefined;
      if (many !== undefined) {
        sink.add(
          use.path,
          `${many} volume "${use.volume}": ${sharingNote(vol.accessMode, vol.claimName)} (x-berth-access-mode: ReadWriteMany on volumes.${use.volume} needs a storage class that offers it)`,
        );
      }
    }
  }
  const objects: ComposeObject[] = [];
  for (const [volume, vol] of declared) {
    const by = users.get(volume) ?? [];
    if (vol.claimName === undefined) {
      if (by.length > 1)
        sink.add(
          `volumes.${volume}`,
          `used by ${by.join(", ")}: each pod gets its own emptyDir, nothing is shared`,
        );
      continue;
    }
    if (by.length === 0) {
      if (vol.claim) sink.add(`volumes.${volume}`, "used by no service, no claim is created");
      continue;
    }
    if (by.length > 1 && vol.accessMode !== "ReadWriteMany" && vol.accessMode !== "ReadOnlyMany")
      sink.add(
        `volumes.${volume}`,
        `used by ${by.join(", ")}: ${sharingNote(vol.accessMode, vol.claimName)}`,
      );
    if (vol.claim) objects.push(vol.claim);
  }
  return objects;
}
