// The parts of the OCI image spec (and Docker schema2, its twin) that berth reads.
import { createHash } from "node:crypto";
import { InvalidArgumentError } from "../errors.js";

export const MediaType = {
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  dockerForeignLayer: "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  ociLayer: "application/vnd.oci.image.layer.v1.tar",
  ociLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  ociLayerZstd: "application/vnd.oci.image.layer.v1.tar+zstd",
} as const;

export const MANIFEST_ACCEPT = [
  MediaType.ociIndex,
  MediaType.dockerManifestList,
  MediaType.ociManifest,
  MediaType.dockerManifest,
].join(", ");

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  platform?: Platform & { "os.version"?: string };
}

export interface Manifest {
  schemaVersion: number;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export interface Index {
  schemaVersion: number;
  mediaType?: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

/** The runtime part of an image config, with the OCI spec's key names. */
export interface OciImageConfig {
  User?: string;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  WorkingDir?: string;
  StopSignal?: string;
  Volumes?: Record<string, object>;
  ExposedPorts?: Record<string, object>;
  Labels?: Record<string, string>;
}

export interface ImageConfigFile {
  architecture?: string;
  os?: string;
  variant?: string;
  created?: string;
  config?: OciImageConfig;
  rootfs: { type: string; diff_ids: string[] };
  history?: unknown[];
}

export type LayerCompression = "gzip" | "zstd" | "none";

const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

export function isIndexType(mediaType: string | undefined): boolean {
  return mediaType === MediaType.ociIndex || mediaType === MediaType.dockerManifestList;
}

export function isManifestType(mediaType: string | undefined): boolean {
  return mediaType === MediaType.ociManifest || mediaType === MediaType.dockerManifest;
}

/** The compression a layer media type announces; undefined for types that are not layers. */
export function layerCompression(mediaType: string): LayerCompression | undefined {
  if (mediaType === MediaType.dockerLayerGzip || mediaType === MediaType.dockerForeignLayer) return "gzip";
  if (/^application\/vnd\.oci\.image\.layer\.(nondistributable\.)?v1\.tar(\+gzip)?$/.test(mediaType))
    return mediaType.endsWith("+gzip") ? "gzip" : "none";
  if (/^application\/vnd\.oci\.image\.layer\.(nondistributable\.)?v1\.tar\+zstd$/.test(mediaType))
    return "zstd";
  if (mediaType === "application/vnd.docker.image.rootfs.diff.tar") return "none";
  return undefined;
}

/** Compression recognised from the first bytes of a blob. */
export function sniffCompression(head: Uint8Array): LayerCompression {
  if (head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return "zstd";
  return "none";
}

export function sha256(data: Uint8Array | string): string {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}

export function digestHex(digest: string): string {
  return digest.slice(digest.indexOf(":") + 1);
}

export function assertDigest(value: unknown, what: string): string {
  if (typeof value !== "string" || !DIGEST_RE.test(value))
    throw new InvalidArgumentError(`${what}: bad digest ${JSON.stringify(value)} (want sha256:<64 hex>)`);
  return value;
}

/** Chain IDs per the OCI image spec: chain[0] = diff[0], chain[n] = sha256(chain[n-1] + " " + diff[n]). */
export function chainIds(diffIds: string[]): string[] {
  const out: string[] = [];
  for (const d of diffIds) {
    const prev = out[out.length - 1];
    out.push(prev === undefined ? d : sha256(`${prev} ${d}`));
  }
  return out;
}

function parseJson(body: Uint8Array | string, what: string): unknown {
  try {
    return JSON.parse(typeof body === "string" ? body : Buffer.from(body).toString("utf8"));
  } catch (err) {
    throw new InvalidArgumentError(`${what} is not valid JSON: ${(err as Error).message}`);
  }
}

function checkDescriptor(d: unknown, what: string): Descriptor {
  if (!d || typeof d !== "object") throw new InvalidArgumentError(`${what}: descriptor missing`);
  const desc = d as Descriptor;
  assertDigest(desc.digest, what);
  if (typeof desc.size !== "number" || desc.size < 0 || !Number.isSafeInteger(desc.size))
    throw new InvalidArgumentError(`${what}: bad size ${JSON.stringify(desc.size)}`);
  if (typeof desc.mediaType !== "string") throw new InvalidArgumentError(`${what}: mediaType missing`);
  return desc;
}

/** Parses a manifest or index body; the media type comes from the body, else the HTTP header. */
export function parseManifestOrIndex(
  body: Uint8Array,
  headerType: string | undefined,
  what: string,
):
  | { kind: "index"; index: Index; mediaType: string }
  | { kind: "manifest"; manifest: Manifest; mediaType: string } {
  const doc = parseJson(body, what) as Record<string, unknown>;
  if (!doc || typeof doc !== "object") throw new InvalidArgumentError(`${what}: not a JSON object`);
  let mediaType = typeof doc.mediaType === "string" ? doc.mediaType : headerType?.split(";")[0]?.trim();
  if (!mediaType || (!isIndexType(mediaType) && !isManifestType(mediaType))) {
    if (Array.isArray(doc.manifests)) mediaType = MediaType.ociIndex;
    else if (doc.config && Array.isArray(doc.layers)) mediaType = MediaType.ociManifest;
    else
      throw new InvalidArgumentError(`${what}: unsupported manifest media type ${JSON.stringify(mediaType)}`);
  }
  if (doc.schemaVersion !== 2)
    throw new InvalidArgumentError(`${what}: unsupported schemaVersion ${doc.schemaVersion}`);
  if (isIndexType(mediaType)) {
    if (!Array.isArray(doc.manifests)) throw new InvalidArgumentError(`${what}: index without manifests`);
    doc.manifests.forEach((m, i) => {
      checkDescriptor(m, `${what} manifests[${i}]`);
    });
    return { kind: "index", index: doc as unknown as Index, mediaType };
  }
  checkDescriptor(doc.config, `${what} config`);
  if (!Array.isArray(doc.layers)) throw new InvalidArgumentError(`${what}: manifest without layers`);
  doc.layers.forEach((l, i) => {
    checkDescriptor(l, `${what} layers[${i}]`);
  });
  return { kind: "manifest", manifest: doc as unknown as Manifest, mediaType };
}

export function parseConfigFile(body: Uint8Array, what: string): ImageConfigFile {
  const doc = parseJson(body, what) as ImageConfigFile;
  if (!doc || typeof doc !== "object" || !doc.rootfs || !Array.isArray(doc.rootfs.diff_ids))
    throw new InvalidArgumentError(`${what}: image config without rootfs.diff_ids`);
  doc.rootfs.diff_ids.forEach((d, i) => {
    assertDigest(d, `${what} rootfs.diff_ids[${i}]`);
  });
  return doc;
}

const ARCH: Record<string, string> = {
  x64: "amd64",
  arm64: "arm64",
  arm: "arm",
  ia32: "386",
  ppc64: "ppc64le",
  s390x: "s390x",
  riscv64: "riscv64",
};

/** The platform of this host, as image indexes name it. */
export function hostPlatform(): Platform {
  const architecture = ARCH[process.arch] ?? process.arch;
  const p: Platform = { os: "linux", architecture };
  if (architecture === "arm64") p.variant = "v8";
  if (architecture === "arm")
    p.variant = `v${(process.config.variables as { arm_version?: string }).arm_version ?? "7"}`;
  return p;
}

/** Picks the index entry for a platform; arm64 "v8" matches entries without a variant. */
export function selectPlatform(index: Index, want: Platform): Descriptor | undefined {
  const candidates = index.manifests.filter(
    (m) =>
      isManifestType(m.mediaType) &&
      m.platform?.os === want.os &&
      m.platform.architecture === want.architecture,
  );
  const norm = (v: string | undefined) =>
    want.architecture === "arm64" && (v === undefined || v === "") ? "v8" : v;
  return (
    candidates.find((m) => norm(m.platform?.variant) === norm(want.variant)) ??
    candidates.find((m) => !m.platform?.variant) ??
    (want.variant === undefined ? candidates[0] : undefined)
  );
}
