// Loads images without a registry (air-gapped nodes, `kind load`): an OCI image layout (folder or
// tar) or a `docker save` tarball. Blobs go through the content store's digest checks and layers
// through the same unpack as pulls.
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { lstat, mkdir, readFile, realpath, rm, stat, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Logger } from "pino";
import { errnoCode, InvalidArgumentError } from "../errors.js";
import { isWithin } from "../fsutil.js";
import type { ContentStore } from "./content-store.js";
import { applyLayer } from "./layer-apply.js";
import {
  chainIds,
  type Descriptor,
  hostPlatform,
  type Manifest,
  MediaType,
  type Platform,
  parseConfigFile,
  parseManifestOrIndex,
  selectPlatform,
  sha256,
} from "./oci.js";
import { normaliseConfig, type PullOutcome } from "./pull.js";
import { normalizeReference } from "./reference.js";
import type { SnapshotStore } from "./snapshots.js";
import { ByteReader, readTar } from "./tar-reader.js";
import type { ImportProgress } from "./types.js";
import { cleanTarPath } from "./unpack.js";

export interface ImportContext {
  content: ContentStore;
  snapshots: SnapshotStore;
  platform: Platform | undefined;
  log: Logger;
  onProgress?: ((p: ImportProgress) => void) | undefined;
}

/** Reads a blob file of the source, refusing paths that leave it. */
async function sourceFile(root: string, rel: string): Promise<string> {
  const p = join(root, cleanTarPath(rel, "import"));
  const real = await realpath(p).catch((err: unknown) => {
    throw new InvalidArgumentError(`import: ${rel} is missing (${errnoCode(err) ?? err})`);
  });
  if (!isWithin(await realpath(root), real))
    throw new InvalidArgumentError(`import: ${rel} points outside the archive`);
  return real;
}

/** Extracts regular files, folders and symlinks of an archive (docker save links shared layers). */
async function extractArchive(tarPath: string, dest: string): Promise<void> {
  const it = createReadStream(tarPath, { highWaterMark: 1 << 20 })[
    Symbol.asyncIterator
  ]() as AsyncIterator<Buffer>;
  await readTar(new ByteReader(it), async (h, data) => {
    const rel = cleanTarPath(h.name, `import ${tarPath}`);
    if (rel === "") return;
    const abs = join(dest, rel);
    await mkdir(dirname(abs), { recursive: true });
    if (h.type === "directory") await mkdir(abs, { recursive: true });
    else if (h.type === "symlink") await symlink(h.linkname, abs);
    else if (h.type === "file") {
      const chunks: Buffer[] = [];
      for await (const c of data) chunks.push(Buffer.from(c));
      await writeFile(abs, Buffer.concat(chunks));
    }
  });
}

async function copyBlob(ctx: ImportContext, path: string, desc: Descriptor): Promise<void> {
  if ((await ctx.content.size(desc.digest)) === desc.size) return;
  const w = await ctx.content.writer(desc.digest, desc.size);
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }))
      await w.write(chunk as Buffer);
    await w.commit();
  } catch (err) {
    await w.abort();
    throw err;
  }
}

async function exists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    () => false,
  );
}

interface Candidate {
  manifest: Manifest;
  manifestBody: Buffer;
  manifestMediaType: string;
  extraBlobs: { desc: Descriptor; body: Buffer }[];
  config: Buffer;
  blobPath: (desc: Descriptor) => Promise<string>;
  tags: string[];
  repoDigestName?: string;
  topDigest: string;
}

async function storeImage(ctx: ImportContext, c: Candidate, label: string): Promise<PullOutcome> {
  const cfgDigest = c.manifest.config.digest;
  if (sha256(c.config) !== cfgDigest)
    throw new InvalidArgumentError(`import ${label}: config does not match its digest`);
  const config = parseConfigFile(c.config, `import ${label} config`);
  const diffIds = config.rootfs.diff_ids;
  if (diffIds.length !== c.manifest.layers.length)
    throw new InvalidArgumentError(
      `import ${label}: ${c.manifest.layers.length} layers but ${diffIds.length} diff IDs`,
    );
  const chain = chainIds(diffIds);
  for (const [i, desc] of c.manifest.layers.entries()) {
    const chainId = chain[i] as string;
    if (ctx.snapshots.has(chainId)) {
      ctx.onProgress?.({ image: label, layer: desc.digest, phase: "exists" });
      continue;
    }
    ctx.onProgress?.({ image: label, layer: desc.digest, phase: "unpacking" });
    await copyBlob(ctx, await c.blobPath(desc), desc);
    await applyLayer(
      {
        desc,
        diffId: diffIds[i] as string,
        chainId,
        parent: chain[i - 1],
        lowerDirs: async () =>
          chain
            .slice(0, i)
            .reverse()
            .map((x) => ctx.snapshots.fsDir(x)),
        image: label,
      },
      { kind: "stored" },
      ctx.content,
      ctx.snapshots,
      () => {},
    );
    ctx.onProgress?.({ image: label, layer: desc.digest, phase: "done" });
  }
  await ctx.content.put(cfgDigest, c.config);
  await ctx.content.put(sha256(c.manifestBody), c.manifestBody);
  for (const b of c.extraBlobs) await ctx.content.put(b.desc.digest, b.body);
  const platform = ctx.platform ?? hostPlatform();
  const out: PullOutcome = {
    record: {
      id: cfgDigest,
      size:
        c.manifest.layers.reduce((n, l) => n + l.size, 0) + c.manifest.config.size + c.manifestBody.length,
      config: normaliseConfig(config.config),
      chainIds: chain,
      manifestDigest: sha256(c.manifestBody),
      blobs: [
        ...c.extraBlobs.map((b) => b.desc.digest),
        sha256(c.manifestBody),
        cfgDigest,
        ...c.manifest.layers.map((l) => l.digest),
      ],
      platform: { os: config.os ?? platform.os, architecture: config.architecture ?? platform.architecture },
    },
    repoTags: c.tags,
  };
  if (c.repoDigestName) out.repoDigest = `${c.repoDigestName}@${c.topDigest}`;
  return out;
}

async function fromOciLayout(ctx: ImportContext, dir: string): Promise<PullOutcome[]> {
  const blobPath = (d: Descriptor) => sourceFile(dir, `blobs/sha256/${d.digest.slice(7)}`);
  const index = parseManifestOrIndex(
    await readFile(join(dir, "index.json")),
    MediaType.ociIndex,
    "import index.json",
  );
  if (index.kind !== "index") throw new InvalidArgumentError("import: index.json is not an image index");
  const out: PullOutcome[] = [];
  for (const top of index.index.manifests) {
    const name =
      top.annotations?.["io.containerd.image.name"] ?? top.annotations?.["org.opencontainers.image.ref.name"];
    let tags: string[] = [];
    let repoDigestName: string | undefined;
    if (name && /[/:]/.test(name)) {
      const ref = normalizeReference(name);
      repoDigestName = ref.name;
      if (ref.tag) tags = [`${ref.name}:${ref.tag}`];
    }
    const extraBlobs: { desc: Descriptor; body: Buffer }[] = [];
    let desc = top;
    let body = await readFile(await blobPath(desc));
    if (sha256(body) !== desc.digest)
      throw new InvalidArgumentError(`import: blob ${desc.digest} does not match its digest`);
    let doc = parseManifestOrIndex(body, desc.mediaType, `import ${desc.digest}`);
    if (doc.kind === "index") {
      extraBlobs.push({ desc, body });
      const chosen = selectPlatform(doc.index, ctx.platform ?? hostPlatform());
      if (!chosen) {
        ctx.log.info({ digest: desc.digest }, "import: no manifest for this platform; skipped");
        continue;
      }
      desc = chosen;
      body = await readFile(await blobPath(desc));
      if (sha256(body) !== desc.digest)
        throw new InvalidArgumentError(`import: blob ${desc.digest} does not match its digest`);
      doc = parseManifestOrIndex(body, desc.mediaType, `import ${desc.digest}`);
      if (doc.kind !== "manifest")
        throw new InvalidArgumentError(`import: ${desc.digest} is not an image manifest`);
    }
    const manifest = doc.manifest;
    const c: Candidate = {
      manifest,
      manifestBody: body,
      manifestMediaType: doc.mediaType,
      extraBlobs,
      config: await readFile(await blobPath(manifest.config)),
      blobPath,
      tags,
      topDigest: top.digest,
    };
    if (repoDigestName) c.repoDigestName = repoDigestName;
    out.push(await storeImage(ctx, c, name ?? top.digest));
  }
  return out;
}

interface DockerSaveEntry {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

async function fromDockerSave(ctx: ImportContext, dir: string): Promise<PullOutcome[]> {
  const entries = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as DockerSaveEntry[];
  if (!Array.isArray(entries)) throw new InvalidArgumentError("import: manifest.json is not a list");
  const out: PullOutcome[] = [];
  for (const e of entries) {
    const config = await readFile(await sourceFile(dir, e.Config));
    const layers: Descriptor[] = [];
    const paths = new Map<string, string>();
    for (const l of e.Layers) {
      const p = await sourceFile(dir, l);
      const data = await readFile(p);
      const gz = data[0] === 0x1f && data[1] === 0x8b;
      const d: Descriptor = {
        mediaType: gz ? MediaType.dockerLayerGzip : "application/vnd.docker.image.rootfs.diff.tar",
        digest: sha256(data),
        size: (await stat(p)).size,
      };
      paths.set(d.digest, p);
      layers.push(d);
    }
    const manifest: Manifest = {
      schemaVersion: 2,
      mediaType: MediaType.dockerManifest,
      config: { mediaType: MediaType.dockerConfig, digest: sha256(config), size: config.length },
      layers,
    };
    const manifestBody = Buffer.from(JSON.stringify(manifest));
    const tags = (e.RepoTags ?? []).map((t) => {
      const r = normalizeReference(t);
      return `${r.name}:${r.tag ?? "latest"}`;
    });
    out.push(
      await storeImage(
        ctx,
        {
          manifest,
          manifestBody,
          manifestMediaType: MediaType.dockerManifest,
          extraBlobs: [],
          config,
          blobPath: async (d) => paths.get(d.digest) as string,
          tags,
          topDigest: sha256(manifestBody),
        },
        tags[0] ?? e.Config,
      ),
    );
  }
  return out;
}

/** Imports every image of an OCI layout (dir or tar) or `docker save` tar. */
export async function importImages(path: string, ctx: ImportContext): Promise<PullOutcome[]> {
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(path);
  } catch (err) {
    throw new InvalidArgumentError(`import: cannot read ${path}: ${errnoCode(err) ?? err}`);
  }
  let dir = path;
  let tmp: string | undefined;
  try {
    if (!st.isDirectory()) {
      tmp = join(ctx.content.ingestDir, `import-${randomBytes(6).toString("hex")}`);
      await mkdir(tmp, { recursive: true });
      await extractArchive(path, tmp);
      dir = tmp;
    }
    if (await exists(join(dir, "manifest.json"))) return await fromDockerSave(ctx, dir);
    if (await exists(join(dir, "index.json"))) return await fromOciLayout(ctx, dir);
    throw new InvalidArgumentError(
      `import: ${path} is neither an OCI image layout nor a docker save archive`,
    );
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}
