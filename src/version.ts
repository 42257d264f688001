import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findPackage(): { root: string; version: string } {
  // Works from src/ (tests) and from dist/src/ (built): walk up to Berth's package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "berth" && pkg.version) return { root: dir, version: pkg.version };
    } catch {
      // not here; go up
    }
    dir = dirname(dir);
  }
  return { root: dirname(dirname(fileURLToPath(import.meta.url))), version: "0.0.0-unknown" };
}

const PKG = findPackage();

/** Berth's version, from package.json. */
export const BERTH_VERSION = PKG.version;
export const RUNTIME_NAME = "berth";
export const CRI_API_VERSION = "v1";

/** The native helper built by `make build` (BERTH_RUNTIME_HELPER overrides it). */
export const HELPER_BINARY =
  process.env.BERTH_RUNTIME_HELPER ?? join(PKG.root, "dist", "bin", "berth-runtime");
