// vitest global setup: integration tests run the built berthd (dist/), so build it first unless the
// caller (make test) already did.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";

export default function setup(): void {
  if (process.env.BERTH_SKIP_BUILD === "1") return;
  // tsc emits even when a file has type errors; `make typecheck` is where those fail the run.
  spawnSync("npx", ["tsc", "-p", "tsconfig.json"], { stdio: "ignore" });
  mkdirSync("dist/cri-api/runtime/v1", { recursive: true });
  copyFileSync("cri-api/runtime/v1/api.js", "dist/cri-api/runtime/v1/api.js");
  // The tests run what ships: the bundled CLI (scripts/bundle.mjs).
  const bundled = spawnSync(process.execPath, ["scripts/bundle.mjs"], { stdio: "inherit" });
  if (bundled.status !== 0) throw new Error("scripts/bundle.mjs failed");
  if (process.env.BERTH_SKIP_NATIVE !== "1") spawnSync("make", ["native"], { stdio: "ignore" });
}
