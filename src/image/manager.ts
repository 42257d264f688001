// The image service: pulls, lookups, removal, holds and GC over the content store and snapshots.
// Layout under `root`: blobs/sha256/…, ingest/ (partial blobs), snapshots/{sha256,tmp}/,
// images.json (records), holds.json (snapshot chains held by containers).
import { mkdir } from "node:fs/promises";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { errorMessage, FailedPreconditionError, InvalidArgumentError } from "../errors.js";
import { childLogger } from "../log.js";
import { ContentStore } from "./content-store.js";
import { ImageStore } from "./image-store.js";
import { importImages } from "./import.js";
import { Mutex, SharedExclusiveLock } from "./locks.js";
import { imageMetrics } from "./metrics.js";
import type { Platform } from "./oci.js";
import { type PullOutcome, pullImage } from "./pull.js";
import { normalizeReference } from "./reference.js";
import type { AuthConfig } from "./registry/auth.js";
import { RegistryClient } from "./registry/client.js";
import { type SnapshotMeta, SnapshotStore } from "./snapshots.js";
import type { ImageRecord, ImportProgress, PullProgress } from "./types.js";

export interface ImageManagerOptions {
  /** The image store's own folder, e.g. `${config.root}/image`. */
  root: string;
  registry: Config["registry"];
  log?: Logger;
  /** Blobs and unpacked layers reach the disk before they become visible (default true). */
  fsync?: boolean;
  /** Platform to select from indexes (default: this host). */
  platform?: Platform;
}

export interface PullOptions {
  auth?: AuthConfig;
  onProgress?: (p: PullProgress) => void;
  signal?: AbortSignal;
}

/** How long layerDirs keeps a chain from GC when no hold() follows (a failed create). */
const LEASE_TTL_MS = 5 * 60_000;

const ID_RE = /^(?:sha256:)?([a-f0-9]{12,64})$/;

export class ImageManager {
  private readonly images = new Map<string, ImageRecord>();
  private holds = new Map<string, string[]>();
  /** In memory only: a lease ends with its process, so a crash cannot leak one. */
  private leases: { chains: string[]; until: number }[] = [];
  private readonly inflightLayers = new Map<string, Promise<SnapshotMeta>>();
  private readonly lock = new SharedExclusiveLock();
  private readonly meta = new Mutex();
  private readonly registryClient: RegistryClient;

  private constructor(
    private readonly opts: ImageManagerOptions,
    readonly content: ContentStore,
    readonly snapshots: SnapshotStore,
    private readonly store: ImageStore,
    private readonly log: Logger,
  ) {
    this.registryClient = new RegistryClient({ ...opts.registry, log });
  }

  /** Loads metadata and removes crash leftovers (partial blobs, half-unpacked snapshots). */
  static async open(opts: ImageManagerOptions): Promise<ImageManager> {
    await mkdir(opts.root, { recursive: true });
    const log = opts.log ?? childLogger("image");
    const content = new ContentStore(opts.root, opts.fsync ?? true);
    const snapshots = new SnapshotStore(opts.root, opts.fsync ?? true);
    await content.init();
    await snapshots.init();
    const store = new ImageStore(opts.root);
    const m = new ImageManager(opts, content, snapshots, store, log);
    for (const img of await store.loadImages()) m.images.set(img.id, img);
    m.holds = await store.loadHolds();
    // Snapshots committed just before a crash, with no image record yet, are unreachable now.
    await m.gc();
    return m;
  }

  async pull(ref: string, opts: PullOptions = {}): Promise<ImageRecord> {
    const parsed = normalizeReference(ref);
    const stop = imageMetrics.pullDuration.startTimer();
    try {
      // The record is written before the shared lock goes: a GC waiting for it must see the image,
      // or it would collect the snapshots this pull just made.
      const record = await this.lock.withShared(async () => {
        const outcome = await pullImage(
          {
            content: this.content,
            snapshots: this.snapshots,
            inflightLayers: this.inflightLayers,
            concurrency: this.opts.registry.concurrency,
            retries: this.opts.registry.retries,
            stallTimeout: this.opts.registry.stallTimeout,
            log: this.log,
            ...(this.opts.platform ? { platform: this.opts.platform } : {}),
          },
          parsed,
          this.registryClient.repository(parsed, opts.auth, opts.signal),
          opts.onProgress,
        );
        return this.save(outcome);
      });
      imageMetrics.pulls.inc({ result: "success" });
      this.log.info({ image: parsed.full, id: record.id }, "image pulled");
      return record;
    } catch (err) {
      imageMetrics.pulls.inc({ result: "failure" });
      this.log.warn({ image: parsed.full, err: errorMessage(err) }, "image pull failed");
      throw err;
    } finally {
      stop();
    }
  }

  /** Adds a pulled or imported image; a tag moves from whichever image had it before. */
  async save(outcome: PullOutcome): Promise<ImageRecord> {
    return this.meta.run(async () => {
      const prev = this.images.get(outcome.record.id);
      const record: ImageRecord = {
        ...outcome.record,
        repoTags: [...(prev?.repoTags ?? [])],
        repoDigests: [...(prev?.repoDigests ?? [])],
        pinned: prev?.pinned ?? false,
        createdAt: prev?.createdAt ?? Date.now(),
      };
      for (const tag of outcome.repoTags) if (!record.repoTags.includes(tag)) record.repoTags.push(tag);
      if (outcome.repoDigest && !record.repoDigests.includes(outcome.repoDigest))
        record.repoDigests.push(outcome.repoDigest);
      const next = new Map(this.images);
      for (const [id, other] of next) {
        if (id === record.id || !other.repoTags.some((t) => outcome.repoTags.includes(t))) continue;
        next.set(id, { ...other, repoTags: other.repoTags.filter((t) => !outcome.repoTags.includes(t)) });
      }
      next.set(record.id, record);
      await this.store.saveImages(next.values());
      this.images.clear();
      for (const [k, v] of next) this.images.set(k, v);
      return record;
    });
  }

  /** Looks an image up by tag, name@digest, full ID or unique ID prefix (≥ 12 hex). */
  get(refOrId: string): ImageRecord | undefined {
    const s = refOrId.trim();
    const id = ID_RE.exec(s);
    if (id) {
      const hex = id[1] as string;
      const full = this.images.get(`sha256:${hex}`);
      if (full) return full;
      const matches = [...this.images.values()].filter((i) => i.id.startsWith(`sha256:${hex}`));
      if (matches.length === 1) return matches[0];
      if (matches.length > 1) throw new InvalidArgumentError(`image ID prefix "${s}" is ambiguous`);
      if (s.startsWith("sha256:") || hex.length === 64) return undefined;
    }
    const ref = normalizeReference(s);
    if (ref.digest) {
      const byDigest = `${ref.name}@${ref.digest}`;
      return [...this.images.values()].find(
        (i) =>
          i.repoDigests.includes(byDigest) ||
          (i.id === ref.digest && i.repoDigests.some((d) => d.startsWith(`${ref.name}@`))),
      );
    }
    const tag = `${ref.name}:${ref.tag}`;
    return [...this.images.values()].find((i) => i.repoTags.includes(tag));
  }

  list(filter?: { ref?: string }): ImageRecord[] {
    if (filter?.ref) {
      const img = this.get(filter.ref);
      return img ? [img] : [];
    }
    return [...this.images.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Removes an image and all its tags, then collects what nothing uses any more. Absent → success. */
  async remove(refOrId: string): Promise<void> {
    const img = this.get(refOrId);
    if (!img) return;
    await this.meta.run(async () => {
      const next = new Map(this.images);
      next.delete(img.id);
      await this.store.saveImages(next.values());
      this.images.delete(img.id);
    });
    this.log.info({ id: img.id, tags: img.repoTags }, "image removed");
    await this.gc();
  }

  /** Removes untagged images (all images with `all`) whose snapshots no holder keeps, then collects. */
  async prune(
    opts: { all?: boolean } = {},
  ): Promise<{ removed: ImageRecord[]; removedBlobs: number; removedSnapshots: number }> {
    // A holder keeps the whole chain of the image its container was made from.
    const held = new Set([...this.holds.values()].map((chain) => chain[chain.length - 1]));
    const victims = [...this.images.values()].filter(
      (img) => (opts.all || img.repoTags.length === 0) && !held.has(img.chainIds[img.chainIds.length - 1]),
    );
    if (victims.length > 0) {
      await this.meta.run(async () => {
        const next = new Map(this.images);
        for (const v of victims) next.delete(v.id);
        await this.store.saveImages(next.values());
        for (const v of victims) this.images.delete(v.id);
      });
    }
    const r = await this.gc();
    return { removed: victims, ...r };
  }

  /**
   * Read-only snapshot dirs of an image for an overlay lowerdir, topmost first. Unless `lease` is
   * false, the chain is leased from GC until hold() is taken on the same image (a container being
   * created) or LEASE_TTL_MS pass (a create that failed before its hold): an image removed or
   * pruned meanwhile loses its record, never the directories handed out.
   */
  layerDirs(image: ImageRecord, opts: { lease?: boolean } = {}): string[] {
    for (const c of image.chainIds) {
      if (!this.snapshots.has(c))
        throw new FailedPreconditionError(
          `image ${image.id}: snapshot ${c} is missing; pull the image again`,
        );
    }
    if (opts.lease !== false)
      this.leases.push({ chains: [...image.chainIds], until: Date.now() + LEASE_TTL_MS });
    return [...image.chainIds].reverse().map((c) => this.snapshots.fsDir(c));
  }

  /** Chains of unexpired leases; expired ones are dropped. */
  private leasedChains(): string[] {
    const now = Date.now();
    this.leases = this.leases.filter((l) => l.until > now);
    return this.leases.flatMap((l) => l.chains);
  }

  /** Keeps an image's snapshot chain from GC while `holder` (a container ID) uses it; persisted. */
  async hold(holder: string, image: ImageRecord): Promise<void> {
    if (!holder) throw new InvalidArgumentError("hold: empty holder");
    await this.meta.run(async () => {
      const next = new Map(this.holds);
      next.set(holder, [...image.chainIds]);
      await this.store.saveHolds(next);
      this.holds = next;
    });
    // The persisted hold takes over from the lease layerDirs gave this create.
    const top = image.chainIds[image.chainIds.length - 1];
    const i = this.leases.findIndex((l) => l.chains[l.chains.length - 1] === top);
    if (i >= 0) this.leases.splice(i, 1);
  }

  /**
   * Drops a holder's hold, and collects what only it kept (an image removed while in use). The
   * change is not fsynced: a release a power loss undid is dropped again by retainHolders at the
   * next start, since its holder is gone by then.
   */
  async release(holder: string): Promise<void> {
    const released = this.holds.get(holder);
    if (!released) return;
    await this.meta.run(async () => {
      const next = new Map(this.holds);
      next.delete(holder);
      await this.store.saveHolds(next, { durable: false });
      this.holds = next;
    });
    if (released.some((c) => !this.keeps(c))) await this.gc();
  }

  /** Drops the holds of every holder not in `holders` (those a crash kept after their holder went). */
  async retainHolders(holders: ReadonlySet<string>): Promise<void> {
    const stale = [...this.holds.keys()].filter((h) => !holders.has(h));
    if (stale.length === 0) return;
    await this.meta.run(async () => {
      const next = new Map(this.holds);
      for (const h of stale) next.delete(h);
      await this.store.saveHolds(next);
      this.holds = next;
    });
    this.log.info({ holders: stale.length }, "dropped image holds of containers that are gone");
    await this.gc();
  }

  /** Whether an image or a hold still needs the snapshot `chain`. */
  private keeps(chain: string): boolean {
    for (const img of this.images.values()) if (img.chainIds.includes(chain)) return true;
    for (const held of this.holds.values()) if (held.includes(chain)) return true;
    return false;
  }

  /** Deletes blobs and snapshots no image references and no holder keeps. Waits for running pulls. */
  async gc(): Promise<{ removedBlobs: number; removedSnapshots: number }> {
    return this.lock.withExclusive(async () => {
      const blobs = new Set<string>();
      const chains = new Set<string>();
      for (const img of this.images.values()) {
        for (const b of img.blobs) blobs.add(b);
        for (const c of img.chainIds) chains.add(c);
      }
      for (const held of this.holds.values()) for (const c of held) chains.add(c);
      for (const c of this.leasedChains()) chains.add(c);
      let removedBlobs = 0;
      let removedSnapshots = 0;
      for (const digest of (await this.content.list()).keys()) {
        if (blobs.has(digest)) continue;
        await this.content.delete(digest);
        removedBlobs++;
      }
      for (const s of this.snapshots.list()) {
        if (chains.has(s.chainId)) continue;
        await this.snapshots.remove(s.chainId);
        removedSnapshots++;
      }
      if (removedBlobs || removedSnapshots) this.log.info({ removedBlobs, removedSnapshots }, "image gc");
      imageMetrics.storeBytes.set((await this.usage()).bytes);
      return { removedBlobs, removedSnapshots };
    });
  }

  private async usage(): Promise<{ bytes: number; inodes: number }> {
    let bytes = 0;
    let inodes = 0;
    for (const size of (await this.content.list()).values()) {
      bytes += size;
      inodes++;
    }
    for (const s of this.snapshots.list()) {
      bytes += s.size;
      inodes += s.inodes;
    }
    return { bytes, inodes };
  }

  async fsInfo(): Promise<{ mountpoint: string; usedBytes: number; inodesUsed: number; timestamp: bigint }> {
    const u = await this.usage();
    imageMetrics.storeBytes.set(u.bytes);
    return {
      mountpoint: this.opts.root,
      usedBytes: u.bytes,
      inodesUsed: u.inodes,
      timestamp: BigInt(Date.now()) * 1_000_000n,
    };
  }

  /** Loads an OCI image layout (dir or tar) or a `docker save` tarball. */
  async import(
    path: string,
    opts: { onProgress?: (p: ImportProgress) => void } = {},
  ): Promise<ImageRecord[]> {
    // Records are written under the shared lock, as for pulls.
    return this.lock.withShared(async () => {
      const outcomes = await importImages(path, {
        content: this.content,
        snapshots: this.snapshots,
        platform: this.opts.platform,
        log: this.log,
        onProgress: opts.onProgress,
      });
      const out: ImageRecord[] = [];
      for (const o of outcomes) out.push(await this.save(o));
      return out;
    });
  }
}
