// Registry auth and endpoints against real registries: htpasswd Basic (127.0.0.1:5001), a token-auth
// docker-registry with its own token server (Bearer flow), mirrors with fallback, redirects.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { type AuthConfig, ImageManager } from "../../src/image/index.js";
import {
  AUTH_PASSWORD,
  AUTH_REGISTRY,
  AUTH_USER,
  buildImage,
  buildLayer,
  ensureBusyboxImage,
  PLAIN_REGISTRY,
  pushImage,
  registryUp,
} from "../helpers/images.js";
import { RegistryProxy } from "../helpers/registry-proxy.js";
import { REFRESH_TOKEN, TOKEN_PASSWORD, TOKEN_USER, TokenRegistry } from "../helpers/registry-token.js";

const up = (await registryUp(PLAIN_REGISTRY)) && (await registryUp(AUTH_REGISTRY));
if (!up) console.warn("image-auth tests skipped: local registries not running (hack/registry.sh start)");
const unique = `${process.pid}-${Date.now().toString(36)}`;
let root: string;

async function manager(
  registry: Partial<ReturnType<typeof defaultConfig>["registry"]> = {},
): Promise<ImageManager> {
  return ImageManager.open({
    root: mkdtempSync(join(root, "store-")),
    registry: { ...defaultConfig().registry, retries: 1, ...registry },
    log: pino({ level: "silent" }),
  });
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "berth-image-auth-"));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!up)("registry auth", () => {
  const basic = { username: AUTH_USER, password: AUTH_PASSWORD };

  it("Basic auth: username/password and the base64 `auth` form work; none or a wrong password fail clearly", async () => {
    const { ref } = await ensureBusyboxImage({
      registry: AUTH_REGISTRY,
      repo: "berth-test/private",
      auth: basic,
    });
    const m = await manager();
    await expect(m.pull(ref)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: expect.stringMatching(
        /registry 127\.0\.0\.1:5001: access to berth-test\/private denied without credentials/,
      ),
    });
    await expect(m.pull(ref, { auth: { username: AUTH_USER, password: "wrong" } })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: expect.stringMatching(/denied with the given credentials/),
    });
    expect(m.list()).toEqual([]);
    const img = await m.pull(ref, { auth: basic });
    expect(img.repoTags).toEqual([ref]);
    const m2 = await manager();
    const auth: AuthConfig = {
      auth: Buffer.from(`${AUTH_USER}:${AUTH_PASSWORD}`).toString("base64"),
      serverAddress: AUTH_REGISTRY,
    };
    expect((await m2.pull(ref, { auth })).id).toBe(img.id);
    await expect(m2.pull(ref, { auth: { auth: "bm9jb2xvbg==" } })).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
    });
  });

  it("does not send Authorization to another host when a blob redirects", async () => {
    const { ref } = await ensureBusyboxImage({
      registry: AUTH_REGISTRY,
      repo: "berth-test/private",
      auth: basic,
    });
    const storage = await new RegistryProxy(AUTH_REGISTRY).start();
    const front = await new RegistryProxy(AUTH_REGISTRY).start();
    try {
      storage.upstreamAuth = `Basic ${Buffer.from(`${AUTH_USER}:${AUTH_PASSWORD}`).toString("base64")}`;
      front.redirectBlobsTo = `http://${storage.address}`;
      const m = await manager();
      await m.pull(ref.replace(AUTH_REGISTRY, front.address), { auth: basic });
      expect(front.requests.some((r) => r.authorization?.startsWith("Basic "))).toBe(true);
      const blobGets = storage.requests.filter((r) => r.path.includes("/blobs/"));
      expect(blobGets.length).toBeGreaterThan(0);
      expect(blobGets.every((r) => r.authorization === undefined)).toBe(true);
    } finally {
      await front.stop();
      await storage.stop();
    }
  });

  describe("Bearer token flow", () => {
    const tr = new TokenRegistry();
    let ref = "";
    beforeAll(async () => {
      await tr.start();
      ref = (
        await ensureBusyboxImage({
          registry: tr.registry,
          repo: "berth-test/bearer",
          auth: { username: TOKEN_USER, password: TOKEN_PASSWORD },
        })
      ).ref;
    });
    afterAll(() => tr.stop());

    it("gets a token with credentials and reuses it for the whole pull and the next one", async () => {
      const m = await manager();
      const before = tr.tokenRequests;
      const img = await m.pull(ref, { auth: { username: TOKEN_USER, password: TOKEN_PASSWORD } });
      await m.pull(ref, { auth: { username: TOKEN_USER, password: TOKEN_PASSWORD } });
      expect(tr.tokenRequests - before).toBe(1);
      expect(m.layerDirs(img)).toHaveLength(1);
    });

    it("fails with UNAUTHENTICATED naming the registry for a wrong password or no credentials", async () => {
      const m = await manager();
      await expect(m.pull(ref, { auth: { username: TOKEN_USER, password: "nope" } })).rejects.toMatchObject({
        code: "UNAUTHENTICATED",
        message: expect.stringMatching(
          new RegExp(`registry ${tr.registry.replace(/\./g, "\\.")}: token endpoint refused the credentials`),
        ),
      });
      await expect(m.pull(ref)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    });

    it("accepts a registry_token and an identity_token (OAuth2 refresh)", async () => {
      const m = await manager();
      const token = tr.issue(TOKEN_USER, ["repository:berth-test/bearer:pull"]);
      const a = await m.pull(ref, { auth: { registryToken: token } });
      const m2 = await manager();
      const b = await m2.pull(ref, { auth: { identityToken: REFRESH_TOKEN } });
      expect(b.id).toBe(a.id);
    });
  });

  describe("mirrors", () => {
    it("fetches from a mirror, keeping the image path, without contacting the upstream", async () => {
      const { ref } = await ensureBusyboxImage();
      const proxy = await new RegistryProxy(PLAIN_REGISTRY).start();
      try {
        const m = await manager({ mirrors: { "registry.example.invalid": [`http://${proxy.address}`] } });
        const img = await m.pull("registry.example.invalid/berth-test/busybox:latest");
        expect(img.repoTags).toEqual(["registry.example.invalid/berth-test/busybox:latest"]);
        expect(proxy.requests.some((r) => r.path === "/v2/berth-test/busybox/manifests/latest")).toBe(true);
        expect(m.get(ref)).toBeUndefined();
      } finally {
        await proxy.stop();
      }
    });

    it("falls back past a dead mirror and a mirror lacking the image to the upstream", async () => {
      const layer = await buildLayer([{ path: "m", content: unique }]);
      const { ref } = await pushImage(buildImage([layer]), { repo: `berth-test/mirror-${unique}` });
      const empty = await new RegistryProxy(AUTH_REGISTRY).start(); // answers 401/404 for this repo
      try {
        const m = await manager({
          mirrors: { [PLAIN_REGISTRY]: ["http://127.0.0.1:9", `http://${empty.address}`] },
        });
        const img = await m.pull(ref);
        expect(img.repoTags).toEqual([ref]);
        expect(empty.requests.length).toBeGreaterThan(0);
      } finally {
        await empty.stop();
      }
    });
  });
});
