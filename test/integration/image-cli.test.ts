// `berth image …` end to end on a temporary root against the local registry.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { runImageCli } from "../../src/image/index.js";
import { buildImage, buildLayer, ensureBusyboxImage, pushImage, registryUp } from "../helpers/images.js";

const up = await registryUp();
if (!up) console.warn("image-cli tests skipped: no registry on 127.0.0.1:5000 (run hack/registry.sh start)");
let root: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  stderr.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const cfg = parseConfig({ root, logLevel: "error" });
  const code = await runImageCli(argv, cfg, { stdout, stderr });
  return { code, out, err };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "berth-image-cli-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(!up)("berth image CLI", () => {
  it("pull shows per-layer progress lines, then ls/inspect/rm work on the result", async () => {
    const { ref } = await ensureBusyboxImage();
    const pull = await cli("pull", ref);
    expect(pull.code).toBe(0);
    expect(pull.out).toMatch(/^[0-9a-f]{12}: downloading$/m);
    expect(pull.out).toMatch(/^[0-9a-f]{12}: done \(/m);
    expect(pull.out).toMatch(new RegExp(`pulled ${ref.replace(/[.]/g, "\\.")}: sha256:[0-9a-f]{64}`));
    const ls = await cli("ls");
    expect(ls.out).toMatch(/^IMAGE\s+TAG\s+IMAGE ID\s+SIZE$/m);
    expect(ls.out).toMatch(/127\.0\.0\.1:5000\/berth-test\/busybox\s+latest\s+[0-9a-f]{12}\s+\d/);
    const inspect = await cli("inspect", ref);
    const doc = JSON.parse(inspect.out) as { id: string; layerDirs: string[]; config: { cmd: string[] } };
    expect(doc.config.cmd).toEqual(["sh"]);
    expect(doc.layerDirs).toHaveLength(1);
    expect((await cli("ls", "--quiet")).out.trim()).toBe(doc.id);
    const rm = await cli("rm", ref);
    expect(rm.code).toBe(0);
    expect(rm.out).toContain(`removed ${doc.id}`);
    expect((await cli("ls", "--quiet")).out).toBe("");
    const again = await cli("rm", ref);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/not found/);
  });

  it("prune removes untagged images and keeps tagged ones unless --all", async () => {
    const a = buildImage([await buildLayer([{ path: "v", content: `one-${process.pid}` }])]);
    const b = buildImage([await buildLayer([{ path: "v", content: `two-${process.pid}` }])]);
    const repo = `berth-test/prune-${process.pid}`;
    await pushImage(a, { repo, tag: "t" });
    expect((await cli("pull", "--quiet", `127.0.0.1:5000/${repo}:t`)).code).toBe(0);
    await pushImage(b, { repo, tag: "t" }); // the tag moves: the first image becomes untagged
    expect((await cli("pull", "--quiet", `127.0.0.1:5000/${repo}:t`)).code).toBe(0);
    const prune = await cli("prune");
    expect(prune.out).toContain(`removed ${a.configDigest}`);
    expect((await cli("ls", "--quiet")).out.trim()).toBe(b.configDigest);
    await cli("prune", "--all");
    expect((await cli("ls", "--quiet")).out).toBe("");
  });

  it("reports usage errors with exit code 2 and failures with 1", async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli("frobnicate")).code).toBe(2);
    expect((await cli("pull")).code).toBe(2);
    const bad = await cli("pull", "Not/Valid");
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/invalid image reference "Not\/Valid".*INVALID_ARGUMENT/);
  });
});
