// The sandbox image containerd's CRI needs (there is no internet to fetch registry.k8s.io/pause):
// bench/pause.c compiled with gcc -static, alone in one layer, pushed to the local registry.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildImage, buildLayer, pushImage } from "../test/helpers/images.js";

const SOURCE = resolve(import.meta.dirname, "../../bench/pause.c");

/** Builds and pushes the pause image; returns its reference (127.0.0.1:5000/berth-bench/pause:1). */
export async function ensurePauseImage(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "berth-bench-pause-"));
  try {
    const bin = join(dir, "pause");
    execFileSync("gcc", ["-static", "-O2", "-s", "-Wall", "-Wextra", "-Werror", "-o", bin, SOURCE]);
    const layer = await buildLayer([{ path: "pause", content: readFileSync(bin), mode: 0o755 }]);
    const image = buildImage([layer], { config: { Entrypoint: ["/pause"], Cmd: [], Env: [] } });
    return (await pushImage(image, { repo: "berth-bench/pause", tag: "1" })).ref;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
