import { describe, expect, it } from "vitest";
import { decodeMessage, encodeMessage } from "../../src/cri/streaming/channels.js";
import { exitStatus } from "../../src/cri/streaming/status.js";
import { TokenStore } from "../../src/cri/streaming/tokens.js";

const req = { kind: "portforward" as const, podSandboxId: "p1" };

describe("streaming tokens and framing", () => {
  it("a token is good once", () => {
    const t = new TokenStore(60_000);
    const tok = t.issue(req);
    expect(tok).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(t.consume(tok)).toEqual(req);
    expect(t.consume(tok)).toBeUndefined();
    t.clear();
  });

  it("an unused token expires after its TTL", async () => {
    const t = new TokenStore(30);
    const tok = t.issue(req);
    await new Promise((r) => setTimeout(r, 80));
    expect(t.consume(tok)).toBeUndefined();
  });

  it("tokens are distinct", () => {
    const t = new TokenStore(60_000);
    const seen = new Set(Array.from({ length: 1000 }, () => t.issue(req)));
    expect(seen.size).toBe(1000);
    t.clear();
  });

  it("base64 and binary channel messages round-trip", () => {
    const data = Buffer.from([0, 1, 2, 255, 65]);
    for (const p of ["v5.channel.k8s.io", "base64.channel.k8s.io", "v4.base64.channel.k8s.io"]) {
      const m = encodeMessage(p, 2, data);
      const raw = typeof m === "string" ? Buffer.from(m, "latin1") : m;
      expect(decodeMessage(p, raw, typeof m !== "string")).toEqual({ channel: 2, data });
    }
    expect(encodeMessage("base64.channel.k8s.io", 1, Buffer.from("hi"))).toBe("1aGk=");
  });

  it("exit statuses follow kubelet's shape", () => {
    expect(exitStatus(0)).toEqual({ metadata: {}, status: "Success" });
    const s = exitStatus(7) as { reason: string; details: { causes: unknown[] } };
    expect(s.reason).toBe("NonZeroExitCode");
    expect(s.details.causes).toEqual([{ reason: "ExitCode", message: "7" }]);
  });
});
