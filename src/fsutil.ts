import { randomBytes } from "node:crypto";
import { access, mkdir, open, rename, rm } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";

/** Whether `path` exists. */
export async function pathExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Writes a file atomically: temp file in the same folder, fsync, rename, fsync of the folder.
 * A crash at any instant leaves either the old content or the new one, never a torn file.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  await replaceFile(path, data, mode, true);
}

/**
 * As writeFileAtomic without the fsyncs, for files that only matter while the machine stays up (a
 * container's bundle, its create intent): a kill -9 still leaves the old or the new content, and
 * after a power loss their readers cope with a missing or empty file.
 */
export async function writeFileReplace(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  await replaceFile(path, data, mode, false);
}

async function replaceFile(path: string, data: string | Uint8Array, mode: number, durable: boolean) {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = `${path}.tmp-${randomBytes(6).toString("hex")}`;
  try {
    const fh = await open(tmp, "w", mode);
    try {
      await fh.writeFile(data);
      if (durable) await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  if (durable) await fsyncDir(dir);
}

/** fsync a directory so that a rename inside it is durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** JSON.stringify + writeFileReplace. */
export async function writeJsonReplace(path: string, value: unknown, mode = 0o644): Promise<void> {
  await writeFileReplace(path, `${JSON.stringify(value, null, 2)}\n`, mode);
}

/** JSON.stringify + writeFileAtomic. */
export async function writeJsonAtomic(path: string, value: unknown, mode = 0o644): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, mode);
}

/**
 * True when `child` (after lexical resolution) lies inside `root` or is `root` itself.
 * Lexical only: callers that touch the filesystem must also refuse symlinks on the way.
 */
export function isWithin(root: string, child: string): boolean {
  const rel = relative(resolve(root), resolve(root, child));
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}
