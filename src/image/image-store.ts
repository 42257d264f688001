// Image records and container holds, each persisted as one JSON file replaced atomically.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { errnoCode, InternalError } from "../errors.js";
import { writeJsonAtomic, writeJsonReplace } from "../fsutil.js";
import type { ImageRecord } from "./types.js";

interface ImagesFile {
  version: 1;
  images: ImageRecord[];
}

interface HoldsFile {
  version: 1;
  /** holder → chain IDs it keeps alive */
  holds: Record<string, string[]>;
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as T;
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return undefined;
    throw new InternalError(`cannot load ${path}: ${(err as Error).message}`, { cause: err });
  }
}

export class ImageStore {
  private readonly imagesPath: string;
  private readonly holdsPath: string;

  constructor(root: string) {
    this.imagesPath = join(root, "images.json");
    this.holdsPath = join(root, "holds.json");
  }

  async loadImages(): Promise<ImageRecord[]> {
    return (await readJson<ImagesFile>(this.imagesPath))?.images ?? [];
  }

  async saveImages(images: Iterable<ImageRecord>): Promise<void> {
    const file: ImagesFile = { version: 1, images: [...images] };
    await writeJsonAtomic(this.imagesPath, file);
  }

  async loadHolds(): Promise<Map<string, string[]>> {
    const file = await readJson<HoldsFile>(this.holdsPath);
    return new Map(Object.entries(file?.holds ?? {}));
  }

  /** Atomically; fsynced unless `durable` is false. */
  async saveHolds(holds: Map<string, string[]>, opts: { durable?: boolean } = {}): Promise<void> {
    const file: HoldsFile = { version: 1, holds: Object.fromEntries(holds) };
    await (opts.durable === false ? writeJsonReplace : writeJsonAtomic)(this.holdsPath, file);
  }
}
