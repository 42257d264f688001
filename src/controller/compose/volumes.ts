// Compose `volumes` (short "[source:]target[:mode]" and long syntax) and `tmpfs` as pod volumes:
// named volumes become PersistentVolumeClaims (one per volume of the project, created by compose,
// kept by `down` unless -v) or, when asked for, emptyDirs; anonymous volumes become emptyDir (they
// live as long as the pod), bind mounts become hostPath on the node, tmpfs becomes a memory-backed
// emptyDir.
import { posix } from "node:path";
import type { V1Volume, V1VolumeMount } from "@kubernetes/client-node";
import { labelMap } from "./deploy.js";
import { splitLabels } from "./labels.js";
import { type ComposeObject, existingName, type ObjectNames, objectName, projectMeta } from "./objects.js";
import {
  ComposeError,
  describe,
  indexPath,
  isRecord,
  Mapping,
  scalarString,
  type WarningSink,
} from "./reader.js";
import { bytesToQuantity, parseBytes, storageQuantity } from "./units.js";

/** What a named volume becomes: a PersistentVolumeClaim (the default) or an emptyDir. */
export type NamedVolumeMode = "pvc" | "emptydir";
export const NAMED_VOLUME_MODES: readonly NamedVolumeMode[] = ["pvc", "emptydir"];

/** The claim size when the volume does not give one (x-berth-size or driver_opts.size). */
export const DEFAULT_VOLUME_SIZE = "1Gi";
export const ACCESS_MODES = ["ReadWriteOnce", "ReadWriteOncePod", "ReadWriteMany", "ReadOnlyMany"] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

/** A volume of the top-level `volumes` section, as pods mount it. */
export interface NamedVolume {
  /** The claim pods mount; undefined when named volumes become emptyDirs. */
  claimName?: string;
  accessMode: AccessMode;
  /** The claim compose creates; undefined for an external volume (the claim must exist). */
  claim?: ComposeObject;
}

export interface VolumesContext {
  /** Folder of the compose file: relative bind sources resolve against it. */
  baseDir: string;
  /** The top-level `volumes` section. */
  declared: ReadonlyMap<string, NamedVolume>;
  /** The user's home folder, for "~/" bind sources. */
  home: string;
}

/** One mount of a named volume, so sharing can be reported against the path that asked for it. */
export interface NamedUse {
  volume: string;
  path: string;
}

export interface VolumesResult {
  volumes: V1Volume[];
  mounts: V1VolumeMount[];
  /** Named volumes this service uses (first use of each), so sharing can be reported. */
  named: NamedUse[];
}

/**
 * The top-level `volumes` section. Claims are named like compose names its volumes: the volume's
 * `name:`, else "<project>-<volume>"; an external volume names a claim that must already exist.
 */
export function declareVolumes(
  volumes: Mapping | undefined,
  project: string,
  mode: NamedVolumeMode,
  names: ObjectNames,
): Map<string, NamedVolume> {
  const declared = new Map<string, NamedVolume>();
  if (!volumes) return declared;
  for (const key of Object.keys(volumes.raw)) {
    const def = volumes.mapping(key) ?? new Mapping(volumes.at(key), {}, volumes.sink);
    const vol = declareVolume(def, key, project, mode, names);
    declared.set(key, vol);
    def.finish();
  }
  volumes.finish();
  return declared;
}

function declareVolume(
  def: Mapping,
  key: string,
  project: string,
  mode: NamedVolumeMode,
  names: ObjectNames,
): NamedVolume {
  const emptyDir = mode === "emptydir";
  const given = def.string("name");
  const external = def.boolean("external") ?? false;
  const accessRaw = def.string("x-berth-access-mode");
  const accessMode = (accessRaw ?? "ReadWriteOnce") as AccessMode;
  if (!ACCESS_MODES.includes(accessMode)) {
    throw new ComposeError(
      def.at("x-berth-access-mode"),
      `unknown access mode "${accessRaw}" (${ACCESS_MODES.join(", ")})`,
    );
  }
  let size = def.take("x-berth-size");
  let sizePath = def.at("x-berth-size");
  const driver = def.string("driver");
  if (driver !== undefined && driver !== "local") {
    def.warn(
      "driver",
      `volume driver "${driver}" not supported, the cluster's storage class provisions the volume`,
    );
  }
  const opts = def.mapping("driver_opts");
  if (opts) {
    if (opts.has("size") && size === undefined) {
      size = opts.take("size");
      sizePath = opts.at("size");
    }
    for (const k of Object.keys(opts.raw)) {
      if (k !== "size") opts.ignore(k, "volume driver options not supported, ignored");
    }
    opts.finish();
  }
  const storageClass = def.string("x-berth-storage-class");
  const labels = def.take("labels");
  if (emptyDir) {
    for (const k of ["labels", "x-berth-size", "x-berth-storage-class", "x-berth-access-mode"]) {
      if (def.has(k)) def.warn(k, "ignored: named volumes become emptyDirs");
    }
    return { accessMode };
  }
  if (external) {
    const claimName = existingName(given ?? key, def.at(given === undefined ? "external" : "name"));
    for (const k of ["labels", "x-berth-size", "x-berth-storage-class"]) {
      if (def.has(k)) def.warn(k, `ignored: the external volume is the existing claim "${claimName}"`);
    }
    return { claimName, accessMode };
  }
  const claimName = objectName(given ?? `${project}-${key}`, def.path);
  names.claim("PersistentVolumeClaim", claimName, def.path);
  const meta =
    labels === undefined
      ? { labels: {}, annotations: {} }
      : splitLabels(labelMap(labels, def.at("labels")), def.at("labels"), def.sink);
  const metadata = projectMeta(claimName, project, meta.labels);
  if (Object.keys(meta.annotations).length > 0) metadata.annotations = meta.annotations;
  const claim: ComposeObject = {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata,
    spec: {
      accessModes: [accessMode],
      resources: {
        requests: { storage: size === undefined ? DEFAULT_VOLUME_SIZE : storageQuantity(size, sizePath) },
      },
      ...(storageClass !== undefined && { storageClassName: storageClass }),
    },
  };
  return { claimName, accessMode, claim };
}

class VolumeSet {
  readonly result: VolumesResult = { volumes: [], mounts: [], named: [] };
  private readonly byKey = new Map<string, string>();
  private readonly names = new Set<string>();

  /** The pod volume for `key`, created on first use under a DNS-label name derived from `hint`. */
  volume(key: string, hint: string, make: (name: string) => V1Volume): string {
    const existing = this.byKey.get(key);
    if (existing !== undefined) return existing;
    const base =
      hint
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 56) || "vol";
    let name = base;
    for (let n = 2; this.names.has(name); n++) name = `${base}-${n}`;
    this.names.add(name);
    this.byKey.set(key, name);
    this.result.volumes.push(make(name));
    return name;
  }

  mount(m: V1VolumeMount, path: string): void {
    if (this.result.mounts.some((x) => x.mountPath === m.mountPath)) {
      throw new ComposeError(path, `mount path "${m.mountPath}" is used twice`);
    }
    this.result.mounts.push(m);
  }
}

function checkTarget(target: string, path: string): string {
  if (!target.startsWith("/"))
    throw new ComposeError(path, `mount target "${target}" must be an absolute path`);
  return posix.normalize(target);
}

function hostSource(source: string, ctx: VolumesContext, path: string, sink: WarningSink): string {
  if (source.startsWith("~")) return posix.join(ctx.home, source.slice(1));
  if (source.startsWith("/")) return posix.normalize(source);
  const abs = posix.resolve(ctx.baseDir, source);
  sink.add(path, `relative bind source "${source}" resolved to "${abs}", which must exist on the node`);
  return abs;
}

function isBindSource(source: string): boolean {
  return source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
}

function addNamed(
  set: VolumeSet,
  source: string,
  ctx: VolumesContext,
  path: string,
  sink: WarningSink,
): string {
  const declared = ctx.declared.get(source);
  if (!declared) {
    throw new ComposeError(path, `volume "${source}" is not declared in the top-level volumes section`);
  }
  if (!set.result.named.some((u) => u.volume === source)) {
    set.result.named.push({ volume: source, path });
    if (declared.claimName === undefined) {
      sink.add(path, `named volume "${source}" becomes an emptyDir: its data lives only as long as the pod`);
    }
  }
  const claimName = declared.claimName;
  return set.volume(`named:${source}`, source, (name) =>
    claimName === undefined ? { name, emptyDir: {} } : { name, persistentVolumeClaim: { claimName } },
  );
}

function shortVolume(
  raw: string,
  index: number,
  set: VolumeSet,
  ctx: VolumesContext,
  path: string,
  sink: WarningSink,
) {
  const parts = raw.split(":");
  if (parts.length > 3 || parts.some((p) => p === ""))
    throw new ComposeError(path, `invalid volume "${raw}"`);
  if (parts.length === 1) {
    const target = checkTarget(parts[0] as string, path);
    const name = set.volume(`anon:${index}`, `anon-${index}`, (n) => ({ name: n, emptyDir: {} }));
    set.mount({ name, mountPath: target }, path);
    return;
  }
  const [source, targetRaw, mode = ""] = parts as [string, string, string?];
  const target = checkTarget(targetRaw, path);
  let readOnly = false;
  for (const opt of mode.split(",").filter((o) => o !== "")) {
    if (opt === "ro") readOnly = true;
    else if (opt === "rw") readOnly = false;
    else if (opt === "nocopy" || opt === "cached" || opt === "delegated" || opt === "consistent") {
      sink.add(path, `mode "${opt}" has no effect, ignored`);
    } else if (opt === "z" || opt === "Z") sink.add(path, `SELinux relabel "${opt}" not supported, ignored`);
    else throw new ComposeError(path, `unknown volume mode "${opt}" in "${raw}"`);
  }
  let name: string;
  if (isBindSource(source)) {
    const hostPath = hostSource(source, ctx, path, sink);
    name = set.volume(`bind:${hostPath}`, `bind-${index}`, (n) => ({
      name: n,
      hostPath: { path: hostPath },
    }));
  } else {
    name = addNamed(set, source, ctx, path, sink);
  }
  const mount: V1VolumeMount = { name, mountPath: target };
  if (readOnly) mount.readOnly = true;
  set.mount(mount, path);
}

const PROPAGATION: Record<string, V1VolumeMount["mountPropagation"]> = {
  private: "None",
  rprivate: "None",
  slave: "HostToContainer",
  rslave: "HostToContainer",
  shared: "Bidirectional",
  rshared: "Bidirectional",
};

function longVolume(m: Mapping, index: number, set: VolumeSet, ctx: VolumesContext, sink: WarningSink) {
  const type = m.string("type");
  const targetRaw = m.string("target");
  if (targetRaw === undefined) throw new ComposeError(m.at("target"), "required");
  const target = checkTarget(targetRaw, m.at("target"));
  const source = m.string("source");
  const mount: V1VolumeMount = { name: "", mountPath: target };
  if (m.boolean("read_only")) mount.readOnly = true;
  m.ignore("consistency", "has no effect, ignored");
  switch (type) {
    case "volume": {
      mount.name =
        source === undefined || source === ""
          ? set.volume(`anon:${index}`, `anon-${index}`, (n) => ({ name: n, emptyDir: {} }))
          : addNamed(set, source, ctx, m.at("source"), sink);
      const opts = m.mapping("volume");
      if (opts) {
        opts.ignore("nocopy", "has no effect (the volume is not filled from the image), ignored");
        const sub = opts.string("subpath");
        if (sub !== undefined) mount.subPath = sub;
        opts.finish();
      }
      break;
    }
    case "bind": {
      if (source === undefined) throw new ComposeError(m.at("source"), "required for a bind mount");
      const hostPath = hostSource(source, ctx, m.at("source"), sink);
      const opts = m.mapping("bind");
      let create = false;
      if (opts) {
        const prop = opts.string("propagation");
        if (prop !== undefined) {
          const mapped = PROPAGATION[prop];
          if (!mapped) throw new ComposeError(opts.at("propagation"), `unknown propagation "${prop}"`);
          mount.mountPropagation = mapped;
        }
        create = opts.boolean("create_host_path") ?? false;
        opts.ignore("selinux", "SELinux relabel not supported, ignored");
        opts.finish();
      }
      mount.name = set.volume(`bind:${hostPath}`, `bind-${index}`, (n) => ({
        name: n,
        hostPath: create ? { path: hostPath, type: "DirectoryOrCreate" } : { path: hostPath },
      }));
      break;
    }
    case "tmpfs": {
      const opts = m.mapping("tmpfs");
      let sizeLimit: string | undefined;
      if (opts) {
        const size = opts.take("size");
        if (size !== undefined) sizeLimit = bytesToQuantity(parseBytes(size, opts.at("size")));
        opts.ignore("mode", "file mode of a tmpfs not supported, ignored");
        opts.finish();
      }
      mount.name = set.volume(`tmpfs:${index}`, `tmpfs-${index}`, (n) => ({
        name: n,
        emptyDir: sizeLimit ? { medium: "Memory", sizeLimit } : { medium: "Memory" },
      }));
      break;
    }
    case undefined:
      throw new ComposeError(m.at("type"), "required (volume, bind or tmpfs)");
    default:
      throw new ComposeError(m.at("type"), `volume type "${type}" not supported (volume, bind or tmpfs)`);
  }
  set.mount(mount, m.path);
  m.finish();
}

/** Converts `volumes` and `tmpfs` of one service. */
export function convertVolumes(
  volumes: unknown[] | undefined,
  tmpfs: unknown,
  basePath: string,
  ctx: VolumesContext,
  sink: WarningSink,
): VolumesResult {
  const set = new VolumeSet();
  for (const [i, raw] of (volumes ?? []).entries()) {
    const path = indexPath(`${basePath}.volumes`, i);
    if (typeof raw === "string") shortVolume(raw, i, set, ctx, path, sink);
    else if (isRecord(raw)) longVolume(new Mapping(path, raw, sink), i, set, ctx, sink);
    else throw new ComposeError(path, `expected a volume string or mapping, got ${describe(raw)}`);
  }
  if (tmpfs !== undefined) {
    const list = Array.isArray(tmpfs) ? tmpfs : [tmpfs];
    for (const [i, raw] of list.entries()) {
      const path = Array.isArray(tmpfs) ? indexPath(`${basePath}.tmpfs`, i) : `${basePath}.tmpfs`;
      const [targetRaw, options = ""] = scalarString(raw, path).split(/:(.*)/s, 2) as [string, string?];
      const target = checkTarget(targetRaw, path);
      let sizeLimit: string | undefined;
      for (const opt of options.split(",").filter((o) => o !== "")) {
        const [k, v] = opt.split("=", 2);
        if (k === "size" && v !== undefined) sizeLimit = bytesToQuantity(parseBytes(v, path));
        else sink.add(path, `tmpfs option "${opt}" not supported, ignored`);
      }
      const name = set.volume(`tmpfs:${target}`, `tmpfs-${target}`, (n) => ({
        name: n,
        emptyDir: sizeLimit ? { medium: "Memory", sizeLimit } : { medium: "Memory" },
      }));
      set.mount({ name, mountPath: target }, path);
    }
  }
  return set.result;
}
