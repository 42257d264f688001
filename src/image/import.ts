import type { Logger } from "pino";
import { UnimplementedError } from "../errors.js";
import type { ContentStore } from "./content-store.js";
import type { Platform } from "./oci.js";
import type { PullOutcome } from "./pull.js";
import type { SnapshotStore } from "./snapshots.js";

export interface ImportContext {
  content: ContentStore;
  snapshots: SnapshotStore;
  platform: Platform | undefined;
  log: Logger;
}

export async function importImages(path: string, _ctx: ImportContext): Promise<PullOutcome[]> {
  throw new UnimplementedError(`import ${path}: not implemented yet`);
}
