// Test images built from Debian's busybox-static and pushed to a real registry by a small push
// client (OCI distribution: HEAD blob, POST+PUT monolithic upload, PUT manifest). Reusable by every
// suite: `ensureBusyboxImage()` gives a normal image; the builders make the special cases.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import { gzipSync } from "node:zlib";
import { pack } from "tar-stream";

export const PLAIN_REGISTRY = "127.0.0.1:5000";
export const AUTH_REGISTRY = "127.0.0.1:5001";
export const AUTH_USER = "berth";
export const AUTH_PASSWORD = "berth-secret";
const MTIME = new Date(1_700_000_000_000);

export type EntryType =
  | "file"
  | "directory"
  | "symlink"
  | "link"
  | "character-device"
  | "block-device"
  | "fifo";

export interface EntrySpec {
  path: string;
  type?: EntryType;
  content?: string | Buffer;
  mode?: number;
  uid?: number;
  gid?: number;
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  mtime?: Date;
  /** pax records, e.g. { "SCHILY.xattr.user.note": "hi" } */
  pax?: Record<string, string>;
}

export type Compression = "gzip" | "zstd" | "none";

export interface BuiltLayer {
  blob: Buffer;
  digest: string;
  size: number;
  diffId: string;
  mediaType: string;
}

export interface BuiltImage {
  manifest: Buffer;
  manifestDigest: string;
  manifestMediaType: string;
  config: Buffer;
  configDigest: string;
  layers: BuiltLayer[];
}

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}

/** A tar archive of the given entries, in order. */
export async function makeTar(entries: EntrySpec[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    p.on("data", (c: unknown) => {
      chunks.push(c as Buffer);
    });
    p.on("end", () => resolve());
    p.on("error", reject);
  });
  for (const e of entries) {
    const type = e.type ?? "file";
    const body = type === "file" ? Buffer.from(e.content ?? "") : undefined;
    await new Promise<void>((resolve, reject) => {
      const header = {
        name: e.path,
        type,
        mode: e.mode ?? (type === "directory" ? 0o755 : type === "symlink" ? 0o777 : 0o644),
        uid: e.uid ?? 0,
        gid: e.gid ?? 0,
        mtime: e.mtime ?? MTIME,
        linkname: e.linkname,
        devmajor: e.devmajor,
        devminor: e.devminor,
        pax: e.pax,
        size: body?.length ?? 0,
      };
      const cb = (err?: Error | null) => (err ? reject(err) : resolve());
      if (body) p.entry(header, body, cb);
      else p.entry(header, cb);
    });
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

function zstd(data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("zstd", ["-q", "-c", "-3"], { stdio: ["pipe", "pipe", "inherit"] });
    const out: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`zstd exit ${code}`)),
    );
    child.stdin.end(data);
  });
}

/** Compresses a tar into a layer blob with the matching media type. */
export async function layerFromTar(
  tar: Buffer,
  compression: Compression = "gzip",
  format: "oci" | "docker" = "oci",
): Promise<BuiltLayer> {
  let blob: Buffer;
  let mediaType: string;
  if (compression === "gzip") {
    blob = gzipSync(tar, { level: 1 });
    mediaType =
      format === "docker"
        ? "application/vnd.docker.image.rootfs.diff.tar.gzip"
        : "application/vnd.oci.image.layer.v1.tar+gzip";
  } else if (compression === "zstd") {
    blob = await zstd(tar);
    mediaType = "application/vnd.oci.image.layer.v1.tar+zstd";
  } else {
    blob = tar;
    mediaType = "application/vnd.oci.image.layer.v1.tar";
  }
  return { blob, digest: sha256(blob), size: blob.length, diffId: sha256(tar), mediaType };
}

export async function buildLayer(
  entries: EntrySpec[],
  compression: Compression = "gzip",
  format: "oci" | "docker" = "oci",
) {
  return layerFromTar(await makeTar(entries), compression, format);
}

export interface ImageOptions {
  format?: "oci" | "docker";
  architecture?: string;
  os?: string;
  variant?: string;
  config?: Record<string, unknown>;
}

/** Manifest + config for the layers (base first). */
export function buildImage(layers: BuiltLayer[], opts: ImageOptions = {}): BuiltImage {
  const docker = opts.format === "docker";
  const configDoc = {
    architecture: opts.architecture ?? hostArch(),
    os: opts.os ?? "linux",
    ...(opts.variant ? { variant: opts.variant } : {}),
    created: MTIME.toISOString(),
    config: {
      Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
      Cmd: ["sh"],
      ...(opts.config ?? {}),
    },
    rootfs: { type: "layers", diff_ids: layers.map((l) => l.diffId) },
  };
  const config = Buffer.from(JSON.stringify(configDoc));
  const configDigest = sha256(config);
  const manifestMediaType = docker
    ? "application/vnd.docker.distribution.manifest.v2+json"
    : "application/vnd.oci.image.manifest.v1+json";
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: manifestMediaType,
      config: {
        mediaType: docker
          ? "application/vnd.docker.container.image.v1+json"
          : "application/vnd.oci.image.config.v1+json",
        digest: configDigest,
        size: config.length,
      },
      layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
    }),
  );
  return { manifest, manifestDigest: sha256(manifest), manifestMediaType, config, configDigest, layers };
}

export function hostArch(): string {
  return process.arch === "x64" ? "amd64" : process.arch === "ia32" ? "386" : process.arch;
}

// ---- push client ---------------------------------------------------------------------------

export interface PushAuth {
  username: string;
  password: string;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(method: string, url: URL, headers: Record<string, string>, body?: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method,
      headers: { ...headers, ...(body ? { "content-length": String(body.length) } : {}) },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Minimal client for pushing: Basic credentials, or the Bearer flow with a pull,push scope. */
class PushClient {
  private authz: string | undefined;

  constructor(
    private readonly registry: string,
    private readonly repo: string,
    private readonly auth?: PushAuth,
  ) {}

  private async send(
    method: string,
    pathOrUrl: string,
    headers: Record<string, string> = {},
    body?: Buffer,
  ): Promise<Reply> {
    const url = new URL(pathOrUrl, `http://${this.registry}`);
    for (let i = 0; i < 2; i++) {
      const h = { ...headers };
      if (this.authz) h.authorization = this.authz;
      const r = await request(method, url, h, body);
      if (r.status !== 401 || i > 0) return r;
      await this.login(String(r.headers["www-authenticate"] ?? ""));
    }
    throw new Error("unreachable");
  }

  private async login(challenge: string): Promise<void> {
    if (!this.auth) throw new Error(`push to ${this.registry}: registry wants credentials`);
    const basic = `Basic ${Buffer.from(`${this.auth.username}:${this.auth.password}`).toString("base64")}`;
    if (/^basic/i.test(challenge)) {
      this.authz = basic;
      return;
    }
    const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const url = new URL(params.realm as string);
    if (params.service) url.searchParams.set("service", params.service);
    url.searchParams.set("scope", `repository:${this.repo}:pull,push`);
    const r = await request("GET", url, { authorization: basic });
    if (r.status !== 200) throw new Error(`token endpoint answered ${r.status}: ${r.body}`);
    this.authz = `Bearer ${(JSON.parse(r.body.toString()) as { token: string }).token}`;
  }

  async pushBlob(digest: string, data: Buffer): Promise<void> {
    const head = await this.send("HEAD", `/v2/${this.repo}/blobs/${digest}`);
    if (head.status === 200) return;
    const start = await this.send("POST", `/v2/${this.repo}/blobs/uploads/`, {}, Buffer.alloc(0));
    if (start.status !== 202) throw new Error(`start upload: ${start.status} ${start.body}`);
    const loc = new URL(String(start.headers.location), `http://${this.registry}`);
    loc.searchParams.set("digest", digest);
    const put = await this.send("PUT", loc.href, { "content-type": "application/octet-stream" }, data);
    if (put.status !== 201) throw new Error(`upload ${digest}: ${put.status} ${put.body}`);
  }

  async pushManifest(reference: string, mediaType: string, body: Buffer): Promise<void> {
    const r = await this.send(
      "PUT",
      `/v2/${this.repo}/manifests/${reference}`,
      { "content-type": mediaType },
      body,
    );
    if (r.status !== 201) throw new Error(`push manifest ${reference}: ${r.status} ${r.body}`);
  }
}

export interface PushTarget {
  registry?: string;
  repo: string;
  tag?: string;
  auth?: PushAuth;
}

/** Pushes an image; returns its reference (registry/repo:tag) and manifest digest. */
export async function pushImage(
  image: BuiltImage,
  target: PushTarget,
): Promise<{ ref: string; digest: string }> {
  const registry = target.registry ?? PLAIN_REGISTRY;
  const tag = target.tag ?? "latest";
  const c = new PushClient(registry, target.repo, target.auth);
  for (const l of image.layers) await c.pushBlob(l.digest, l.blob);
  await c.pushBlob(image.configDigest, image.config);
  await c.pushManifest(tag, image.manifestMediaType, image.manifest);
  return { ref: `${registry}/${target.repo}:${tag}`, digest: image.manifestDigest };
}

/** Pushes several platform images under one OCI index. */
export async function pushIndex(
  images: { image: BuiltImage; platform: { os: string; architecture: string; variant?: string } }[],
  target: PushTarget,
): Promise<{ ref: string; digest: string }> {
  const registry = target.registry ?? PLAIN_REGISTRY;
  const tag = target.tag ?? "latest";
  const c = new PushClient(registry, target.repo, target.auth);
  for (const { image } of images) {
    for (const l of image.layers) await c.pushBlob(l.digest, l.blob);
    await c.pushBlob(image.configDigest, image.config);
    await c.pushManifest(image.manifestDigest, image.manifestMediaType, image.manifest);
  }
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.index.v1+json",
      manifests: images.map(({ image, platform }) => ({
        mediaType: image.manifestMediaType,
        digest: image.manifestDigest,
        size: image.manifest.length,
        platform,
      })),
    }),
  );
  await c.pushManifest(tag, "application/vnd.oci.image.index.v1+json", index);
  return { ref: `${registry}/${target.repo}:${tag}`, digest: sha256(index) };
}

// ---- busybox -------------------------------------------------------------------------------

export const BUSYBOX_APPLETS = [
  "sh",
  "ash",
  "echo",
  "cat",
  "sleep",
  "true",
  "false",
  "id",
  "hostname",
  "httpd",
  "ls",
  "stat",
  "head",
  "tail",
  "dd",
  "mount",
  "umount",
  "ps",
  "stty",
  "nc",
  "wget",
  "env",
  "sha256sum",
  "md5sum",
  "printf",
  "test",
  "[",
  "grep",
  "sed",
  "awk",
  "wc",
  "tr",
  "cut",
  "sort",
  "uniq",
  "mkdir",
  "rm",
  "rmdir",
  "cp",
  "mv",
  "ln",
  "touch",
  "chmod",
  "chown",
  "kill",
  "pidof",
  "pwd",
  "uname",
  "date",
  "df",
  "du",
  "find",
  "xargs",
  "tee",
  "whoami",
  "ip",
  "ifconfig",
  "ping",
  "nslookup",
  "top",
  "free",
  "yes",
  "seq",
  "basename",
  "dirname",
  "readlink",
  "realpath",
  "mkfifo",
  "sync",
  "vi",
  "less",
  "more",
  "tar",
  "gzip",
  "gunzip",
  "nohup",
  "timeout",
  "watch",
];

/** Entries of a busybox root filesystem: /bin/busybox + applet symlinks, /etc/passwd, /etc/group. */
export function busyboxEntries(): EntrySpec[] {
  const e: EntrySpec[] = [];
  for (const d of ["bin", "dev", "etc", "proc", "sys", "root", "var", "usr", "usr/bin", "home"])
    e.push({ path: d, type: "directory" });
  e.push({ path: "tmp", type: "directory", mode: 0o1777 });
  e.push({ path: "home/berth", type: "directory", uid: 1000, gid: 1000 });
  e.push({ path: "root", type: "directory", mode: 0o700 });
  e.push({ path: "bin/busybox", content: readFileSync("/bin/busybox"), mode: 0o755 });
  for (const a of BUSYBOX_APPLETS) e.push({ path: `bin/${a}`, type: "symlink", linkname: "busybox" });
  e.push({
    path: "etc/passwd",
    content:
      "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\nberth:x:1000:1000:berth:/home/berth:/bin/sh\n",
  });
  e.push({ path: "etc/group", content: "root:x:0:\nnogroup:x:65534:\nberth:x:1000:\n" });
  e.push({ path: "etc/hostname", content: "busybox\n" });
  return e;
}

const pushed = new Map<string, Promise<{ ref: string; digest: string }>>();

/** A normal busybox image in the registry (pushed once per process; content is deterministic). */
export function ensureBusyboxImage(
  opts: { registry?: string; repo?: string; tag?: string; auth?: PushAuth } = {},
) {
  const registry = opts.registry ?? PLAIN_REGISTRY;
  const repo = opts.repo ?? "berth-test/busybox";
  const tag = opts.tag ?? "latest";
  const key = `${registry}/${repo}:${tag}`;
  let p = pushed.get(key);
  if (!p) {
    p = (async () => {
      const layer = await buildLayer(busyboxEntries());
      return pushImage(buildImage([layer]), {
        registry,
        repo,
        tag,
        ...(opts.auth ? { auth: opts.auth } : {}),
      });
    })();
    pushed.set(key, p);
    p.catch(() => pushed.delete(key));
  }
  return p;
}

/** True when the local registries answer (hack/registry.sh start). */
export async function registryUp(registry = PLAIN_REGISTRY): Promise<boolean> {
  try {
    const r = await request("GET", new URL(`http://${registry}/v2/`), {});
    return r.status === 200 || r.status === 401;
  } catch {
    return false;
  }
}
