import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findPackageVersion(): string {
  // Works from src/ (tests) and from dist/src/ (built): walk up to Berth's package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "berth" && pkg.version) return pkg.version;
    } catch {
      // not here; go up
    }
    dir = dirname(dir);
  }
  return "0.0.0-unknown";
}

/** Berth's version, from package.json. */
export const BERTH_VERSION = findPackageVersion();
export const RUNTIME_NAME = "berth";
export const CRI_API_VERSION = "v1";
