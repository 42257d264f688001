// `berth image pull|ls|inspect|rm|import|prune`, for people on the node. One process owns the store
// at a time (src/store-lock.ts): when berthd runs, the work goes through berthd (its CRI
// ImageService, and its admin socket for import and prune); otherwise this process opens the store
// under `${config.root}/image` itself, holding the lock so berthd cannot start meanwhile.
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pino } from "pino";
import type { Config } from "../config.js";
import { BerthError, errorMessage, FailedPreconditionError } from "../errors.js";
import { describeHolder, type LockHolder, lockStore, type StoreLock, tryLockStore } from "../store-lock.js";
import { ImageManager } from "./manager.js";
import { familiarName } from "./reference.js";
import type { AuthConfig } from "./registry/auth.js";
import type { ImageRecord, ImportProgress, PullProgress } from "./types.js";

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
}

const USAGE = `usage: berth image <command>
  pull [--user USER:PASSWORD] [--quiet] REF   pull an image (per-layer progress)
  ls [--quiet] [REF]                           list images
  inspect REF|ID                               print an image record as JSON
  rm REF|ID...                                 remove images and all their tags
  import PATH                                  load an OCI layout (dir or tar) or a docker save tar
  prune [--all]                                remove untagged (--all: every) images no container uses`;

class UsageError extends Error {}

/** What `ls` prints of an image. */
export type ImageSummary = Pick<ImageRecord, "id" | "repoTags" | "size">;

/** Where the commands run: on the store in this process, or through berthd. */
export interface ImageBackend {
  pull(
    ref: string,
    opts: { auth?: AuthConfig; onProgress?: (p: PullProgress) => void; onNote?: (line: string) => void },
  ): Promise<{ id: string }>;
  list(ref?: string): Promise<ImageSummary[]>;
  /** The image as JSON for `inspect`; undefined when absent. */
  inspect(ref: string): Promise<object | undefined>;
  /** Removes an image and all its tags; what was removed, undefined when absent. */
  remove(ref: string): Promise<ImageSummary | undefined>;
  import(path: string, onProgress: (p: ImportProgress) => void): Promise<ImageSummary[]>;
  prune(all: boolean): Promise<{ removed: ImageSummary[]; removedBlobs: number; removedSnapshots: number }>;
  close(): Promise<void>;
}

export interface ImageCliOptions {
  /** Connects to the berthd that owns the store (src/image-client.ts); absent: refuse while it runs. */
  remote?: (holder: LockHolder, cfg: Config) => Promise<ImageBackend>;
  /** How long to wait for another `berth image` command that holds the store (default 10 min). */
  waitMs?: number;
}

function localBackend(m: ImageManager, lock: StoreLock): ImageBackend {
  return {
    pull: (ref, o) =>
      m.pull(ref, {
        ...(o.auth ? { auth: o.auth } : {}),
        ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      }),
    list: async (ref) => m.list(ref ? { ref } : undefined),
    inspect: async (ref) => {
      const img = m.get(ref);
      return img && { ...img, layerDirs: m.layerDirs(img, { lease: false }) };
    },
    remove: async (ref) => {
      const img = m.get(ref);
      if (img) await m.remove(img.id);
      return img;
    },
    import: (path, onProgress) => m.import(path, { onProgress }),
    prune: (all) => m.prune({ all }),
    close: () => lock.release(),
  };
}

/**
 * The backend for a command: the local store under the lock when nobody holds it, berthd when
 * berthd holds it; another `berth image` command is waited for.
 */
async function openBackend(
  cmd: string,
  cfg: Config,
  io: CliIO,
  opts: ImageCliOptions,
): Promise<ImageBackend> {
  await mkdir(cfg.root, { recursive: true, mode: 0o711 });
  const me = { what: `berth image ${cmd}` };
  const deadline = Date.now() + (opts.waitMs ?? 600_000);
  let told = false;
  for (;;) {
    const got = await tryLockStore(cfg.root, me);
    let lock: StoreLock | undefined = got.lock;
    if (!got.lock) {
      const holder = got.holder;
      if (holder?.what === "berthd") {
        if (!opts.remote)
          throw new FailedPreconditionError(
            `berthd is running (pid ${holder.pid}) and owns ${cfg.root}; use crictl or the berth command`,
          );
        return opts.remote(holder, cfg);
      }
      if (Date.now() >= deadline)
        throw new FailedPreconditionError(
          `the image store ${cfg.root} is still in use by ${describeHolder(holder)}`,
        );
      if (!told)
        io.stderr.write(`berth image: waiting for ${describeHolder(holder)} to finish…
`);
      told = true;
      // Waits in short slices: the holder may end and berthd start meanwhile, then the work goes there.
      lock = await lockStore(cfg.root, me, 1000).catch((err: unknown) => {
        if (err instanceof FailedPreconditionError) return undefined;
        throw err;
      });
      if (!lock) continue;
    }
    if (!lock) continue;
    try {
      const m = await ImageManager.open({
        root: imageRoot(cfg),
        registry: cfg.registry,
        log: pino({ level: cfg.logLevel === "info" ? "warn" : cfg.logLevel }, process.stderr),
      });
      return localBackend(m, lock);
    } catch (err) {
      await lock.release();
      throw err;
    }
  }
}

/** The image store folder of a configuration. */
export function imageRoot(cfg: Config): string {
  return join(cfg.root, "image");
}

function human(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(v >= 100 || i === 0 ? 0 : 1)} ${units[i]}`;
}

function shortDigest(d: string): string {
  return d.replace(/^sha256:/, "").slice(0, 12);
}

/** Redraws one line per layer on a terminal; prints a line per phase change otherwise. */
export function progressPrinter(io: CliIO): (p: PullProgress) => void {
  const tty = io.stdout.isTTY === true;
  let drawn = 0;
  const seen = new Map<string, string>();
  return (p) => {
    if (!tty) {
      for (const l of p.layers) {
        if (seen.get(l.digest) === l.phase) continue;
        seen.set(l.digest, l.phase);
        if (l.phase === "waiting") continue;
        io.stdout.write(
          `${shortDigest(l.digest)}: ${l.phase}${l.phase === "done" ? ` (${human(l.size)})` : ""}\n`,
        );
      }
      return;
    }
    const secs = Math.max(p.elapsedMs / 1000, 0.001);
    const lines = p.layers.map((l) => {
      const pct = l.size > 0 ? Math.min(100, Math.floor((l.fetched / l.size) * 100)) : 100;
      const rate = l.phase === "downloading" ? `  ${human(l.fetched / secs)}/s` : "";
      const bytes =
        l.phase === "exists" ? "already present" : `${human(l.fetched)} / ${human(l.size)} (${pct}%)`;
      return `${shortDigest(l.digest)}  ${l.phase.padEnd(11)} ${bytes}${rate}`;
    });
    if (drawn > 0) io.stdout.write(`\x1b[${drawn}A`);
    for (const line of lines) io.stdout.write(`\x1b[2K${line}\n`);
    drawn = lines.length;
  };
}

function parseFlags(args: string[], known: string[]): { flags: Map<string, string | true>; rest: string[] } {
  const flags = new Map<string, string | true>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith("--")) {
      rest.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!known.includes(name)) throw new UsageError(`unknown flag --${name}`);
    if (name === "user") {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError("--user needs USER:PASSWORD");
      flags.set(name, v);
    } else flags.set(name, true);
  }
  return { flags, rest };
}

function row(img: ImageSummary): string[] {
  const tags = img.repoTags.length ? img.repoTags : ["<none>:<none>"];
  return tags.map((t) => {
    const i = t.lastIndexOf(":");
    return [
      familiarName(t.slice(0, i)).padEnd(40),
      t.slice(i + 1).padEnd(16),
      shortDigest(img.id).padEnd(14),
      human(img.size),
    ].join(" ");
  });
}

/** Runs `berth image …`; returns the process exit code. */
export async function runImageCli(
  argv: string[],
  cfg: Config,
  io: CliIO = process,
  opts: ImageCliOptions = {},
): Promise<number> {
  const [cmd, ...args] = argv;
  let backend: ImageBackend | undefined;
  try {
    if (!cmd || cmd === "help" || cmd === "--help" || cmd === "-h") {
      io.stdout.write(`${USAGE}\n`);
      return cmd ? 0 : 2;
    }
    const open = async () => {
      backend = await openBackend(cmd, cfg, io, opts);
      return backend;
    };
    switch (cmd) {
      case "pull": {
        const { flags, rest } = parseFlags(args, ["user", "quiet"]);
        if (rest.length !== 1) throw new UsageError("pull needs exactly one image reference");
        let auth: AuthConfig | undefined;
        const user = flags.get("user");
        if (typeof user === "string") {
          const colon = user.indexOf(":");
          auth =
            colon < 0
              ? { username: user }
              : { username: user.slice(0, colon), password: user.slice(colon + 1) };
        }
        const b = await open();
        const quiet = flags.has("quiet");
        const img = await b.pull(rest[0] as string, {
          ...(auth ? { auth } : {}),
          ...(quiet ? {} : { onProgress: progressPrinter(io), onNote: (l) => io.stdout.write(`${l}\n`) }),
        });
        io.stdout.write(quiet ? `${img.id}\n` : `pulled ${rest[0]}: ${img.id}\n`);
        return 0;
      }
      case "ls": {
        const { flags, rest } = parseFlags(args, ["quiet"]);
        const images = await (await open()).list(rest[0]);
        if (flags.has("quiet")) {
          for (const img of images) io.stdout.write(`${img.id}\n`);
          return 0;
        }
        io.stdout.write(
          `${["IMAGE".padEnd(40), "TAG".padEnd(16), "IMAGE ID".padEnd(14), "SIZE"].join(" ")}\n`,
        );
        for (const img of images) for (const line of row(img)) io.stdout.write(`${line}\n`);
        return 0;
      }
      case "inspect": {
        if (args.length !== 1) throw new UsageError("inspect needs exactly one image");
        const doc = await (await open()).inspect(args[0] as string);
        if (!doc) {
          io.stderr.write(`berth image inspect: image "${args[0]}" not found\n`);
          return 1;
        }
        io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
        return 0;
      }
      case "rm": {
        if (args.length === 0) throw new UsageError("rm needs at least one image");
        const b = await open();
        let code = 0;
        for (const ref of args) {
          const img = await b.remove(ref);
          if (!img) {
            io.stderr.write(`berth image rm: image "${ref}" not found\n`);
            code = 1;
            continue;
          }
          io.stdout.write(`removed ${img.id} (${img.repoTags.join(", ") || "untagged"})\n`);
        }
        return code;
      }
      case "import": {
        if (args.length !== 1) throw new UsageError("import needs exactly one path");
        const b = await open();
        const imported = await b.import(resolve(args[0] as string), (p) =>
          io.stdout.write(`${shortDigest(p.layer)}: ${p.phase}\n`),
        );
        for (const img of imported)
          io.stdout.write(`imported ${img.id} ${img.repoTags.join(", ") || "(untagged)"}\n`);
        return 0;
      }
      case "prune": {
        const { flags, rest } = parseFlags(args, ["all"]);
        if (rest.length) throw new UsageError("prune takes no arguments");
        const r = await (await open()).prune(flags.has("all"));
        for (const img of r.removed)
          io.stdout.write(`removed ${img.id} (${img.repoTags.join(", ") || "untagged"})\n`);
        io.stdout.write(
          `pruned ${r.removed.length} images, ${r.removedBlobs} blobs, ${r.removedSnapshots} snapshots\n`,
        );
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`berth image: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    io.stderr.write(
      `berth image ${cmd}: ${errorMessage(err)}${err instanceof BerthError ? ` (${err.code})` : ""}\n`,
    );
    return 1;
  } finally {
    await backend?.close();
  }
}
