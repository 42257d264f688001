import { randomBytes } from "node:crypto";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { status } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Berthd, startBerthd } from "../helpers/berthd.js";
import { type CriClient, codeOf, criClient } from "../helpers/cri-client.js";
import { buildImage, buildLayer, ensureBusyboxImage, pushImage } from "../helpers/images.js";
import { RegistryProxy } from "../helpers/registry-proxy.js";

describe("CRI ImageService over the socket", () => {
  let d: Berthd;
  let client: CriClient;
  let ref: string;
  let digest: string;

  beforeAll(async () => {
    ({ ref, digest } = await ensureBusyboxImage({ repo: "berth-test/cri-image", tag: "v1" }));
    d = await startBerthd();
    client = criClient(d.socket);
  });
  afterAll(async () => {
    client?.close();
    await d?.cleanup();
  });

  it("ImageStatus of an absent image answers no image and no error", async () => {
    const s = await client.image("ImageStatus", { image: { image: "127.0.0.1:5000/berth-test/absent:v1" } });
    expect(s.image).toBeNull();
  });

  it("PullImage answers the config digest, then ImageStatus and ListImages show it", async () => {
    const pulled = await client.image("PullImage", { image: { image: ref } });
    expect(pulled.imageRef).toMatch(/^sha256:[a-f0-9]{64}$/);
    const s = await client.image("ImageStatus", { image: { image: ref }, verbose: true });
    expect(s.image?.id).toBe(pulled.imageRef);
    expect(s.image?.repoTags).toContain(ref);
    expect(s.image?.repoDigests?.[0]).toBe(`${ref.replace(/:v1$/, "")}@${digest}`);
    expect(Number(s.image?.size)).toBeGreaterThan(500_000);
    expect(JSON.parse(s.info?.info ?? "{}").chainIds).toHaveLength(1);
    const byId = await client.image("ImageStatus", { image: { image: pulled.imageRef ?? "" } });
    expect(byId.image?.id).toBe(pulled.imageRef);
    const list = await client.image("ListImages", {});
    expect(list.images?.map((i) => i.id)).toContain(pulled.imageRef);
    const filtered = await client.image("ListImages", { filter: { image: { image: ref } } });
    expect(filtered.images).toHaveLength(1);
  });

  it("ImageFsInfo reports the bytes and inodes the store uses", async () => {
    const fs = await client.image("ImageFsInfo", {});
    const usage = fs.imageFilesystems?.[0];
    expect(usage?.fsId?.mountpoint).toContain(d.root);
    expect(Number(usage?.usedBytes?.value)).toBeGreaterThan(500_000);
    expect(Number(usage?.inodesUsed?.value)).toBeGreaterThan(10);
  });

  it("RemoveImage removes every tag, and removing again succeeds", async () => {
    await client.image("RemoveImage", { image: { image: ref } });
    expect((await client.image("ImageStatus", { image: { image: ref } })).image).toBeNull();
    await expect(client.image("RemoveImage", { image: { image: ref } })).resolves.toEqual({});
  });

  it("malformed references answer INVALID_ARGUMENT naming the reference", async () => {
    const err = await client
      .image("PullImage", { image: { image: "UPPER/Case::bad" } })
      .catch((e: Error) => e);
    expect((err as { code?: number }).code).toBe(status.INVALID_ARGUMENT);
    expect((err as Error).message).toContain("UPPER/Case::bad");
    expect(await codeOf(client.image("PullImage", { image: { image: "" } }))).toBe(status.INVALID_ARGUMENT);
  });

  it("a pull of an absent image fails with NOT_FOUND and leaves nothing", async () => {
    const code = await codeOf(
      client.image("PullImage", { image: { image: "127.0.0.1:5000/berth-test/absent:v1" } }),
    );
    expect(code).toBe(status.NOT_FOUND);
    expect((await client.image("ListImages", {})).images ?? []).toHaveLength(0);
  });

  it("a pull the client cancels midway leaves berthd serving, no partial blobs and no image", async () => {
    // 4 × 24 MiB of incompressible data, through a proxy that stalls the last layer for the
    // cancelled pulls: each is still downloading when its deadline hits, however fast the node (the
    // layers a cancelled pull finished stay, so unhindered the third one could complete in time).
    const layers = await Promise.all(
      [0, 1, 2, 3].map((i) => buildLayer([{ path: `blob-${i}`, content: randomBytes(24 << 20) }], "none")),
    );
    await pushImage(buildImage(layers), { repo: "berth-test/cri-image-big", tag: "v1" });
    const proxy = await new RegistryProxy().start();
    try {
      const bigRef = `${proxy.address}/berth-test/cri-image-big:v1`;
      proxy.inject({ match: new RegExp(`/blobs/${layers[3]?.digest}`), times: 99, action: "stall" });
      for (let i = 0; i < 3; i++) {
        const code = await codeOf(client.image("PullImage", { image: { image: bigRef } }, 150 + i * 100));
        expect([status.DEADLINE_EXCEEDED, status.CANCELLED]).toContain(code);
      }
      await new Promise((r) => setTimeout(r, 500));
      expect(d.proc.exitCode).toBeNull();
      expect((await client.image("ImageStatus", { image: { image: bigRef } })).image).toBeNull();
      const ingest = join(d.root, "image", "ingest");
      expect(await readdir(ingest).catch(() => [])).toEqual([]);
      // The same pull, given time, completes: nothing the cancelled ones left stands in its way.
      proxy.clearFaults();
      const pulled = await client.image("PullImage", { image: { image: bigRef } }, 120_000);
      expect(pulled.imageRef).toMatch(/^sha256:/);
      await client.image("RemoveImage", { image: { image: bigRef } });
    } finally {
      await proxy.stop();
    }
  }, 180_000);
});
