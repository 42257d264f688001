import { describe, expect, it } from "vitest";
import { chainIds, selectPlatform, sha256 } from "../../src/image/oci.js";
import { normalizeReference } from "../../src/image/reference.js";
import { parseChallenges } from "../../src/image/registry/auth.js";

const D = `sha256:${"a".repeat(64)}`;

describe("normalizeReference", () => {
  it.each([
    ["busybox", "docker.io/library/busybox:latest"],
    ["busybox:1.36", "docker.io/library/busybox:1.36"],
    ["library/busybox", "docker.io/library/busybox:latest"],
    ["user/app:v1", "docker.io/user/app:v1"],
    ["index.docker.io/library/busybox", "docker.io/library/busybox:latest"],
    ["localhost/app", "localhost/app:latest"],
    ["localhost:5000/ns/x", "localhost:5000/ns/x:latest"],
    ["host:5000/ns/x", "host:5000/ns/x:latest"],
    ["127.0.0.1:5000/a/b/c:t", "127.0.0.1:5000/a/b/c:t"],
    ["registry.k8s.io/pause:3.9", "registry.k8s.io/pause:3.9"],
    [`x@${D}`, `docker.io/library/x@${D}`],
    [`x:tag@${D}`, `docker.io/library/x:tag@${D}`],
    ["[::1]:5000/x", "[::1]:5000/x:latest"],
  ])("%s → %s", (input, want) => {
    expect(normalizeReference(input).full).toBe(want);
  });

  it("splits domain, path, tag and digest", () => {
    const r = normalizeReference(`host:5000/ns/x:t@${D}`);
    expect(r).toMatchObject({
      domain: "host:5000",
      path: "ns/x",
      name: "host:5000/ns/x",
      tag: "t",
      digest: D,
    });
  });

  it.each([
    "",
    "UPPER",
    "a b",
    "x@sha256:short",
    "x:bad/tag",
    "x:",
    "/x",
    "x//y",
    "x@md5:abc",
    ":tag",
    `x:${"t".repeat(200)}`,
  ])("rejects %j naming the reference", (bad) => {
    expect(() => normalizeReference(bad)).toThrow(/invalid image reference/);
    try {
      normalizeReference(bad);
    } catch (err) {
      expect((err as { code: string }).code).toBe("INVALID_ARGUMENT");
    }
  });
});

describe("image spec helpers", () => {
  it("computes chain IDs as the OCI spec defines them", () => {
    const a = sha256("a");
    const b = sha256("b");
    const c = sha256("c");
    const ab = sha256(`${a} ${b}`);
    expect(chainIds([a, b, c])).toEqual([a, ab, sha256(`${ab} ${c}`)]);
  });

  it("selects a platform, treating arm64 without variant as v8", () => {
    const m = (architecture: string, variant?: string) => ({
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      digest: sha256(architecture + (variant ?? "")),
      size: 1,
      platform: { os: "linux", architecture, ...(variant ? { variant } : {}) },
    });
    const index = { schemaVersion: 2, manifests: [m("amd64"), m("arm", "v7"), m("arm64")] };
    expect(selectPlatform(index, { os: "linux", architecture: "arm64", variant: "v8" })?.digest).toBe(
      sha256("arm64"),
    );
    expect(selectPlatform(index, { os: "linux", architecture: "arm", variant: "v7" })?.digest).toBe(
      sha256("armv7"),
    );
    expect(selectPlatform(index, { os: "linux", architecture: "s390x" })).toBeUndefined();
  });

  it("parses WWW-Authenticate challenges", () => {
    expect(
      parseChallenges(
        'Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push"',
      ),
    ).toEqual([
      {
        scheme: "bearer",
        params: {
          realm: "https://auth.example/token",
          service: "registry.example",
          scope: "repository:a/b:pull,push",
        },
      },
    ]);
    expect(parseChallenges('Basic realm="x"')).toEqual([{ scheme: "basic", params: { realm: "x" } }]);
  });
});
