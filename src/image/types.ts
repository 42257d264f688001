// Types the rest of berth sees: images as records, pull progress.
import type { Platform } from "./oci.js";

/** The runtime part of an image config, normalised (absent lists are empty). */
export interface ImageConfig {
  user: string;
  env: string[];
  entrypoint: string[];
  cmd: string[];
  workingDir: string;
  stopSignal: string;
  volumes: string[];
  exposedPorts: string[];
  labels: Record<string, string>;
}

export interface ImageRecord {
  /** "sha256:<config digest>" */
  id: string;
  repoTags: string[];
  repoDigests: string[];
  /** Bytes of the image's blobs as stored (compressed layers + config + manifest). */
  size: number;
  config: ImageConfig;
  /** Snapshot chain IDs, base layer first. */
  chainIds: string[];
  pinned: boolean;
  /** Milliseconds since the epoch, when berth first stored the image. */
  createdAt: number;
  /** Digest of the platform manifest. */
  manifestDigest: string;
  /** Every blob the image references (index, manifest, config, layers): what GC keeps. */
  blobs: string[];
  platform: Platform;
}

export type LayerPhase = "waiting" | "downloading" | "unpacking" | "done" | "exists";

export interface LayerProgress {
  digest: string;
  /** Compressed size per the manifest. */
  size: number;
  fetched: number;
  phase: LayerPhase;
}

export interface PullProgress {
  ref: string;
  phase: "resolving" | "fetching" | "done";
  layers: LayerProgress[];
  /** Milliseconds since the pull began. */
  elapsedMs: number;
}

/** One layer step of an import. */
export interface ImportProgress {
  /** Names the image being imported (tag or digest). */
  image: string;
  /** Compressed layer digest. */
  layer: string;
  phase: "exists" | "unpacking" | "done";
}
