// What the CRI handlers are built on. Each part is optional while it does not exist yet, and Status
// reports honestly which parts are ready.
import type { Config } from "../config.js";
import type { Logger } from "../log.js";

export interface PartStatus {
  ready: boolean;
  reason?: string;
  message?: string;
}

export interface CriDeps {
  config: Config;
  log: Logger;
  runtimeStatus(): Promise<PartStatus>;
  networkStatus(): Promise<PartStatus>;
  /** Whether pods may have their own user namespace (the node's probe); absent: they may not. */
  userNamespaces?(): Promise<boolean>;
}
