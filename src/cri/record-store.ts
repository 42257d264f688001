// One JSON file per object under a folder, written atomically on every transition; the in-memory
// map is rebuilt from the folder on start. The file is the single source of truth.
import { mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { errnoCode, errorMessage } from "../errors.js";
import { writeJsonAtomic, writeJsonReplace } from "../fsutil.js";
import type { Logger } from "../log.js";

export class RecordStore<T extends { id: string }> {
  private readonly items = new Map<string, T>();

  private constructor(
    private readonly dir: string,
    private readonly log: Logger,
  ) {}

  static async open<T extends { id: string }>(dir: string, log: Logger): Promise<RecordStore<T>> {
    const store = new RecordStore<T>(dir, log);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    for (const name of await readdir(dir)) {
      const path = join(dir, name);
      if (name.includes(".tmp-")) {
        // A write that a crash interrupted before its rename: the previous version is still valid.
        await rm(path, { force: true });
        continue;
      }
      if (!name.endsWith(".json")) continue;
      try {
        const rec = JSON.parse(await readFile(path, "utf8")) as T;
        store.items.set(rec.id, rec);
      } catch (err) {
        log.error({ path, error: errorMessage(err) }, "unreadable record moved aside");
        await rename(path, `${path}.corrupt`).catch(() => {});
      }
    }
    return store;
  }

  get(id: string): T | undefined {
    return this.items.get(id);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  /**
   * Persists then publishes: a reader never sees a state that a crash could lose. `durable: false`
   * skips the fsyncs, for a state recovery undoes anyway ("creating"): it still survives a kill -9,
   * and a power loss takes what it describes with it.
   */
  async put(rec: T, opts: { durable?: boolean } = {}): Promise<void> {
    await (opts.durable === false ? writeJsonReplace : writeJsonAtomic)(
      join(this.dir, `${rec.id}.json`),
      rec,
      0o600,
    );
    this.items.set(rec.id, rec);
  }

  async delete(id: string): Promise<void> {
    try {
      await rm(join(this.dir, `${id}.json`));
    } catch (err) {
      if (errnoCode(err) !== "ENOENT") throw err;
    }
    this.items.delete(id);
    this.log.trace({ id }, "record deleted");
  }
}
