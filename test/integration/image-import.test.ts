// `import` of an OCI image layout (folder and tar) and of a `docker save` tarball, no registry.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { ImageManager } from "../../src/image/index.js";
import { type BuiltImage, buildImage, buildLayer, busyboxEntries, makeTar } from "../helpers/images.js";

let root: string;
let image: BuiltImage;
let tars: Buffer[];

async function manager(): Promise<ImageManager> {
  return ImageManager.open({
    root: mkdtempSync(join(root, "store-")),
    registry: defaultConfig().registry,
    log: pino({ level: "silent" }),
  });
}

function ociLayout(dir: string, name: string): void {
  mkdirSync(join(dir, "blobs/sha256"), { recursive: true });
  writeFileSync(join(dir, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
  const put = (digest: string, data: Buffer) =>
    writeFileSync(join(dir, "blobs/sha256", digest.slice(7)), data);
  for (const l of image.layers) put(l.digest, l.blob);
  put(image.configDigest, image.config);
  put(image.manifestDigest, image.manifest);
  writeFileSync(
    join(dir, "index.json"),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: image.manifestMediaType,
          digest: image.manifestDigest,
          size: image.manifest.length,
          annotations: { "io.containerd.image.name": name, "org.opencontainers.image.ref.name": "v1" },
        },
      ],
    }),
  );
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "berth-image-import-"));
  tars = [await makeTar(busyboxEntries()), await makeTar([{ path: "etc/app", content: "imported" }])];
  const layers = [
    await buildLayer(busyboxEntries()),
    await buildLayer([{ path: "etc/app", content: "imported" }], "none"),
  ];
  image = buildImage(layers);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("image import", () => {
  it("imports an OCI image layout folder with its name", async () => {
    const dir = join(root, "layout");
    ociLayout(dir, "registry.example/team/app:v1");
    const m = await manager();
    const [img] = await m.import(dir);
    expect(img?.id).toBe(image.configDigest);
    expect(img?.repoTags).toEqual(["registry.example/team/app:v1"]);
    expect(m.get("registry.example/team/app:v1")?.id).toBe(image.configDigest);
    const dirs = m.layerDirs(img as never);
    expect(readFileSync(join(dirs[0] as string, "etc/app"), "utf8")).toBe("imported");
  });

  it("imports an OCI layout tar and a docker save tar", async () => {
    const dir = join(root, "layout2");
    ociLayout(dir, "docker.io/library/app:v2");
    const entries = [];
    for (const f of ["oci-layout", "index.json"])
      entries.push({ path: f, content: readFileSync(join(dir, f)) });
    for (const d of [...image.layers.map((l) => l.digest), image.configDigest, image.manifestDigest])
      entries.push({
        path: `blobs/sha256/${d.slice(7)}`,
        content: readFileSync(join(dir, "blobs/sha256", d.slice(7))),
      });
    const ociTar = join(root, "oci.tar");
    writeFileSync(ociTar, await makeTar(entries));
    const m = await manager();
    const [a] = await m.import(ociTar);
    expect(a?.repoTags).toEqual(["docker.io/library/app:v2"]);

    const save = join(root, "save.tar");
    writeFileSync(
      save,
      await makeTar([
        {
          path: "manifest.json",
          content: JSON.stringify([
            { Config: "config.json", RepoTags: ["busybox:saved"], Layers: ["l0/layer.tar", "l1/layer.tar"] },
          ]),
        },
        { path: "config.json", content: image.config },
        { path: "l0/layer.tar", content: tars[0] },
        { path: "l1/layer.tar", content: tars[1] },
      ]),
    );
    const [b] = await m.import(save);
    expect(b?.id).toBe(image.configDigest);
    expect(m.get("busybox:saved")?.id).toBe(image.configDigest);
    expect(b?.repoTags.sort()).toEqual(["docker.io/library/app:v2", "docker.io/library/busybox:saved"]);
    expect(readFileSync(join(m.layerDirs(b as never)[1] as string, "bin/busybox")).length).toBeGreaterThan(
      100_000,
    );
  });

  it("rejects something that is not an image archive", async () => {
    const bad = join(root, "bad.tar");
    writeFileSync(bad, await makeTar([{ path: "hello", content: "x" }]));
    const m = await manager();
    await expect(m.import(bad)).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    await expect(m.import(join(root, "missing.tar"))).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  });
});
