// The per-pod attachment record on disk: the network configuration used, the runtime inputs, the
// CNI_ARGS and the ADD result. It is written before the first plugin runs and updated with the
// result, so DEL after a crash or restart replays exactly what ADD used, even if the config folder
// changed meanwhile.
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { errnoCode, errorMessage, InternalError } from "../errors.js";
import { fsyncDir, writeJsonAtomic } from "../fsutil.js";
import type { JsonObject, NetworkConfList, RuntimeInputs } from "./types.js";
import { validateContainerId } from "./validate.js";

export interface Attachment {
  version: 1;
  podId: string;
  netns: string;
  ifName: string;
  /** The CNI_ARGS string. */
  args: string;
  network: NetworkConfList;
  inputs: RuntimeInputs;
  /** Absent while ADD is in flight, or when ADD failed and its rollback did not finish. */
  result?: JsonObject;
}

export class ResultCache {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, "results");
  }

  private pathOf(podId: string): string {
    validateContainerId(podId, "pod id");
    return join(this.dir, `${podId}.json`);
  }

  async put(a: Attachment): Promise<void> {
    await writeJsonAtomic(this.pathOf(a.podId), a, 0o600);
  }

  async get(podId: string): Promise<Attachment | undefined> {
    const path = this.pathOf(podId);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (e) {
      if (errnoCode(e) === "ENOENT") return undefined;
      throw e;
    }
    let a: Attachment;
    try {
      a = JSON.parse(text) as Attachment;
    } catch (e) {
      throw new InternalError(`CNI result cache ${path} is corrupt: ${errorMessage(e)}`);
    }
    if (a?.version !== 1 || a.podId !== podId || !Array.isArray(a.network?.plugins))
      throw new InternalError(`CNI result cache ${path} is not a Berth attachment record`);
    return a;
  }

  async delete(podId: string): Promise<void> {
    await rm(this.pathOf(podId), { force: true });
    await fsyncDir(this.dir).catch(() => {});
  }

  /** Pod ids with a record, for recovery: pods that no longer exist still hold IPs until DEL. */
  async list(): Promise<string[]> {
    try {
      return (await readdir(this.dir))
        .filter((n) => n.endsWith(".json"))
        .map((n) => n.slice(0, -".json".length))
        .sort();
    } catch (e) {
      if (errnoCode(e) === "ENOENT") return [];
      throw e;
    }
  }
}
