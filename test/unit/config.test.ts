import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { configToYaml, defaultConfig, loadConfig, parseConfig, parseDuration } from "../../src/config.js";
import { InvalidArgumentError } from "../../src/errors.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "berth-config-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("configuration", () => {
  it("has embedded defaults for every key", () => {
    const cfg = defaultConfig();
    expect(cfg.socket).toBe("/run/berth/berth.sock");
    expect(cfg.root).toBe("/var/lib/berth");
    expect(cfg.state).toBe("/run/berth");
    expect(cfg.metrics.address).toBe("127.0.0.1:9323");
    expect(cfg.registry.concurrency).toBe(3);
    expect(cfg.registry.stallTimeout).toBe(300_000);
    expect(cfg.cgroup.driver).toBe("cgroupfs");
    expect(cfg.streaming.idleTimeout).toBe(4 * 3_600_000);
  });

  it("a missing default file is fine, a missing explicit file is an error", async () => {
    await expect(loadConfig({ path: join(dir, "absent.yaml") })).resolves.toMatchObject({ logLevel: "info" });
    await expect(loadConfig({ path: join(dir, "absent.yaml"), explicit: true })).rejects.toThrow(
      /cannot read config file/,
    );
  });

  it("file values override defaults and flags override the file", async () => {
    const path = join(dir, "config.yaml");
    await writeFile(
      path,
      'logLevel: debug\nregistry:\n  concurrency: 5\n  mirrors:\n    docker.io: ["http://127.0.0.1:5000"]\n',
    );
    const fromFile = await loadConfig({ path, explicit: true });
    expect(fromFile.logLevel).toBe("debug");
    expect(fromFile.registry.concurrency).toBe(5);
    expect(fromFile.registry.mirrors["docker.io"]).toEqual(["http://127.0.0.1:5000"]);
    const withFlags = await loadConfig({
      path,
      explicit: true,
      overrides: { "registry.concurrency": 7, socket: "/tmp/x.sock" },
    });
    expect(withFlags.registry.concurrency).toBe(7);
    expect(withFlags.socket).toBe("/tmp/x.sock");
    expect(withFlags.logLevel).toBe("debug");
  });

  it.each([
    [{ logLevel: "loud" }, /key "logLevel".*"loud"/],
    [{ root: "relative/path" }, /key "root": must be an absolute path/],
    [{ metrics: { address: "nowhere" } }, /key "metrics.address".*"nowhere"/],
    [{ registry: { concurrency: 0 } }, /key "registry.concurrency".*0/],
    [{ registry: { stallTimeout: "soon" } }, /key "registry.stallTimeout"/],
    [{ registry: { mirrors: { "docker.io": ["not a url"] } } }, /key "registry.mirrors.docker.io.0"/],
    [{ bogus: 1 }, /unknown key "bogus"/],
    [{ registry: { bogus: 1 } }, /unknown key "registry.bogus"/],
  ])("rejects bad value %j naming its key", (raw, message) => {
    expect(() => parseConfig(raw)).toThrow(InvalidArgumentError);
    expect(() => parseConfig(raw)).toThrow(message);
  });

  it("parses durations", () => {
    expect(parseDuration("300ms")).toBe(300);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration(2)).toBe(2000);
    expect(() => parseDuration("5 minutes")).toThrow(/invalid duration/);
  });

  it("renders the effective configuration as YAML that parses back to the same values", () => {
    const cfg = defaultConfig();
    const yaml = configToYaml(cfg);
    expect(yaml).toContain("stallTimeout: 5m");
    expect(yaml).toContain("idleTimeout: 4h");
    expect(parseConfig(parseYaml(yaml))).toEqual(cfg);
  });
});
