// One image pull: resolve the reference (index → platform manifest), fetch the config, then
// fetch and unpack the layers in parallel. Layers already present, or being fetched by another
// pull in this process, are not fetched again.
import type { Logger } from "pino";
import { errorMessage, InvalidArgumentError, NotFoundError } from "../errors.js";
import type { ContentStore } from "./content-store.js";
import { applyLayer } from "./layer-apply.js";
import { limiter } from "./locks.js";
import { imageMetrics } from "./metrics.js";
import {
  chainIds,
  type Descriptor,
  hostPlatform,
  type Manifest,
  type OciImageConfig,
  type Platform,
  parseConfigFile,
  parseManifestOrIndex,
  selectPlatform,
} from "./oci.js";
import type { ParsedReference } from "./reference.js";
import type { Repository } from "./registry/client.js";
import { TransientError } from "./registry/http.js";
import type { SnapshotMeta, SnapshotStore } from "./snapshots.js";
import type { ImageConfig, ImageRecord, LayerProgress, PullProgress } from "./types.js";

export interface PullContext {
  content: ContentStore;
  snapshots: SnapshotStore;
  /** chain ID → the unpack in flight, shared by concurrent pulls. */
  inflightLayers: Map<string, Promise<SnapshotMeta>>;
  concurrency: number;
  retries: number;
  stallTimeout: number;
  log: Logger;
  platform?: Platform;
}

export function normaliseConfig(c: OciImageConfig | undefined): ImageConfig {
  return {
    user: c?.User ?? "",
    env: c?.Env ?? [],
    entrypoint: c?.Entrypoint ?? [],
    cmd: c?.Cmd ?? [],
    workingDir: c?.WorkingDir ?? "",
    stopSignal: c?.StopSignal ?? "",
    volumes: Object.keys(c?.Volumes ?? {}),
    exposedPorts: Object.keys(c?.ExposedPorts ?? {}),
    labels: c?.Labels ?? {},
  };
}

class ProgressReporter {
  private last = 0;
  readonly state: PullProgress;
  private readonly start = Date.now();

  constructor(
    ref: string,
    private readonly cb?: (p: PullProgress) => void,
  ) {
    this.state = { ref, phase: "resolving", layers: [], elapsedMs: 0 };
  }

  emit(force = false): void {
    if (!this.cb) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    this.state.elapsedMs = now - this.start;
    this.cb({ ...this.state, layers: this.state.layers.map((l) => ({ ...l })) });
  }
}

export interface PullOutcome {
  record: Omit<ImageRecord, "repoTags" | "repoDigests" | "pinned" | "createdAt">;
  /** name@digest of what was pulled; imported images may have none. */
  repoDigest?: string;
  repoTags: string[];
}

export async function pullImage(
  ctx: PullContext,
  ref: ParsedReference,
  repo: Repository,
  onProgress?: (p: PullProgress) => void,
): Promise<PullOutcome> {
  const progress = new ProgressReporter(ref.full, onProgress);
  progress.emit(true);
  const top = await repo.fetchManifest(ref.digest ?? (ref.tag as string));
  const topDoc = parseManifestOrIndex(top.body, top.mediaType, `manifest of "${ref.full}"`);
  const blobs: { desc: Descriptor; body: Buffer }[] = [];
  let manifest: Manifest;
  let manifestDigest = top.digest;
  const platform = ctx.platform ?? hostPlatform();
  if (topDoc.kind === "index") {
    blobs.push({
      desc: { mediaType: topDoc.mediaType, digest: top.digest, size: top.body.byteLength },
      body: top.body,
    });
    const chosen = selectPlatform(topDoc.index, platform);
    if (!chosen) {
      const have = topDoc.index.manifests
        .map((m) =>
          m.platform
            ? `${m.platform.os}/${m.platform.architecture}${m.platform.variant ? `/${m.platform.variant}` : ""}`
            : "?",
        )
        .join(", ");
      throw new NotFoundError(
        `image "${ref.full}": no manifest for ${platform.os}/${platform.architecture} in its index (has: ${have || "none"})`,
      );
    }
    const m = await repo.fetchManifest(chosen.digest);
    const doc = parseManifestOrIndex(m.body, m.mediaType, `manifest ${chosen.digest} of "${ref.full}"`);
    if (doc.kind !== "manifest")
      throw new InvalidArgumentError(
        `image "${ref.full}": index entry ${chosen.digest} is not an image manifest`,
      );
    manifest = doc.manifest;
    manifestDigest = m.digest;
    blobs.push({
      desc: { mediaType: doc.mediaType, digest: m.digest, size: m.body.byteLength },
      body: m.body,
    });
  } else {
    manifest = topDoc.manifest;
    blobs.push({
      desc: { mediaType: topDoc.mediaType, digest: top.digest, size: top.body.byteLength },
      body: top.body,
    });
  }

  const configDesc = manifest.config;
  const stored = await ctx.content.size(configDesc.digest);
  const configBody =
    stored === undefined ? await repo.fetchSmallBlob(configDesc) : await ctx.content.read(configDesc.digest);
  const config = parseConfigFile(configBody, `config ${configDesc.digest} of "${ref.full}"`);
  const diffIds = config.rootfs.diff_ids;
  if (diffIds.length !== manifest.layers.length)
    throw new InvalidArgumentError(
      `image "${ref.full}": manifest has ${manifest.layers.length} layers but config lists ${diffIds.length} diff IDs`,
    );
  const chain = chainIds(diffIds);

  progress.state.phase = "fetching";
  progress.state.layers = manifest.layers.map<LayerProgress>((l) => ({
    digest: l.digest,
    size: l.size,
    fetched: 0,
    phase: "waiting",
  }));
  progress.emit(true);

  const limit = limiter(ctx.concurrency);
  const jobs: Promise<SnapshotMeta>[] = [];
  manifest.layers.forEach((desc, i) => {
    const chainId = chain[i] as string;
    const lp = progress.state.layers[i] as LayerProgress;
    const parents = jobs.slice();
    const lowerDirs = async () => {
      await Promise.all(parents);
      return chain
        .slice(0, i)
        .reverse()
        .map((c) => ctx.snapshots.fsDir(c));
    };
    const job = async (): Promise<SnapshotMeta> => {
      const deduplicated = (meta: SnapshotMeta) => {
        lp.phase = "exists";
        imageMetrics.bytesDeduplicated.inc(desc.size);
        progress.emit(true);
        return meta;
      };
      for (;;) {
        const have = ctx.snapshots.get(chainId);
        if (have) return deduplicated(have);
        const running = ctx.inflightLayers.get(chainId);
        if (!running) break;
        try {
          return deduplicated(await running);
        } catch (err) {
          // The pull that fetches this layer was given up by its own caller; this pull was not, so
          // it fetches the layer itself instead of failing with someone else's cancellation.
          if (repo.signal?.aborted || !(err instanceof Error && err.name === "AbortError")) throw err;
        }
      }
      const work = limit(() =>
        fetchLayer(
          ctx,
          repo,
          ref,
          desc,
          diffIds[i] as string,
          chainId,
          chain[i - 1],
          lowerDirs,
          lp,
          progress,
        ),
      );
      ctx.inflightLayers.set(chainId, work);
      try {
        return await work;
      } finally {
        ctx.inflightLayers.delete(chainId);
      }
    };
    jobs.push(job());
  });
  const settled = await Promise.allSettled(jobs);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;

  // At once: their fsyncs share the filesystem's journal commits.
  await Promise.all([
    ctx.content.put(configDesc.digest, configBody),
    ...blobs.map((b) => ctx.content.put(b.desc.digest, b.body)),
  ]);
  progress.state.phase = "done";
  progress.emit(true);
  const size =
    manifest.layers.reduce((n, l) => n + l.size, 0) +
    configDesc.size +
    (blobs[blobs.length - 1]?.desc.size ?? 0);
  const out: PullOutcome = {
    record: {
      id: configDesc.digest,
      size,
      config: normaliseConfig(config.config),
      chainIds: chain,
      manifestDigest,
      blobs: [...blobs.map((b) => b.desc.digest), configDesc.digest, ...manifest.layers.map((l) => l.digest)],
      platform: {
        os: config.os ?? platform.os,
        architecture: config.architecture ?? platform.architecture,
        ...(config.variant ? { variant: config.variant } : {}),
      },
    },
    repoDigest: `${ref.name}@${top.digest}`,
    repoTags: [],
  };
  if (ref.tag) out.repoTags.push(`${ref.name}:${ref.tag}`);
  return out;
}

async function fetchLayer(
  ctx: PullContext,
  repo: Repository,
  ref: ParsedReference,
  desc: Descriptor,
  diffId: string,
  chainId: string,
  parent: string | undefined,
  lowerDirs: () => Promise<string[]>,
  lp: LayerProgress,
  progress: ProgressReporter,
): Promise<SnapshotMeta> {
  const target = { desc, diffId, chainId, parent, lowerDirs, image: ref.full };
  for (let attempt = 0; ; attempt++) {
    const stored = (await ctx.content.size(desc.digest)) === desc.size;
    lp.phase = stored ? "unpacking" : "downloading";
    lp.fetched = 0;
    progress.emit(true);
    try {
      const meta = await applyLayer(
        target,
        stored
          ? { kind: "stored" }
          : { kind: "remote", open: () => repo.openBlob(desc), stallTimeout: ctx.stallTimeout },
        ctx.content,
        ctx.snapshots,
        (n) => {
          lp.fetched += n;
          if (!stored) imageMetrics.bytesFetched.inc(n);
          if (lp.fetched >= desc.size) lp.phase = "unpacking";
          progress.emit();
        },
      );
      if (stored) imageMetrics.bytesDeduplicated.inc(desc.size);
      lp.phase = "done";
      progress.emit(true);
      return meta;
    } catch (err) {
      if (!(err instanceof TransientError) || attempt >= ctx.retries) throw err;
      ctx.log.info(
        { image: ref.full, layer: desc.digest, attempt, err: errorMessage(err) },
        "layer fetch failed; retrying",
      );
      await new Promise((r) => setTimeout(r, Math.min(5000, 200 * 2 ** attempt)));
    }
  }
}
