// hack/install-node.sh into a temporary --root-dir (no systemd here): the files it writes, that
// the installed tree runs and passes doctor's binary checks, idempotence, --dry-run, --uninstall.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { defaultConfig, parseConfig } from "../../src/config.js";
import { checkRuntimeBinaries } from "../../src/doctor.js";
import { defaultNetwork, parseConfList, requiredBinaries } from "../../src/network/cni-config.js";

const REPO = resolve(import.meta.dirname, "../..");
const SCRIPT = join(REPO, "hack/install-node.sh");
const SLOW = 180_000;

function install(args: string[]): { code: number | null; out: string } {
  const r = spawnSync("bash", [SCRIPT, ...args], { encoding: "utf8", timeout: SLOW });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

describe("hack/install-node.sh", () => {
  const roots: string[] = [];
  const newRoot = async () => {
    const r = await mkdtemp(join(tmpdir(), "berth-install-"));
    roots.push(r);
    return r;
  };
  let root: string;
  let first: { code: number | null; out: string };

  beforeAll(async () => {
    root = await newRoot();
    first = install(["--root-dir", root]);
  }, SLOW);
  afterAll(async () => {
    await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
  });

  it("passes shellcheck, with the kind and conformance scripts", (ctx) => {
    const probe = spawnSync("shellcheck", ["--version"]);
    if (probe.error) {
      ctx.skip("shellcheck is not installed (apt-get install shellcheck)");
      return;
    }
    const conformance = readdirSync(join(REPO, "hack/conformance"))
      .filter((f) => f.endsWith(".sh"))
      .map((f) => join(REPO, "hack/conformance", f));
    const r = spawnSync(
      "shellcheck",
      ["-x", "-P", "SCRIPTDIR", SCRIPT, join(REPO, "hack/kind/run.sh"), ...conformance],
      { encoding: "utf8" },
    );
    expect(r.stdout).toBe("");
    expect(r.status).toBe(0);
  });

  it("installs the tree, wrapper, unit, config, CNI default and kernel settings, and prints the kubelet flags", async () => {
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain("--container-runtime-endpoint=unix:///run/berth/berth.sock");
    const unit = await readFile(join(root, "etc/systemd/system/berthd.service"), "utf8");
    expect(unit).toMatch(/^KillMode=process$/m);
    expect(unit).toMatch(/^Delegate=yes$/m);
    expect(unit).toMatch(/^ExecStart=\/usr\/local\/bin\/berth daemon --config \/etc\/berth\/config.yaml$/m);
    expect(unit).not.toContain("@BINDIR@");
    const wrapper = await readFile(join(root, "usr/local/bin/berth"), "utf8");
    expect(wrapper).toContain('"/opt/berth/dist/src/cli.js" "$@"');
    expect((await stat(join(root, "usr/local/bin/berth"))).mode & 0o111).toBe(0o111);
    const raw = JSON.parse(await readFile(join(root, "etc/cni/net.d/10-berth.conflist"), "utf8")) as unknown;
    // The written network is the one berthd embeds: same plugins, same subnet.
    const written = parseConfList(raw, "10-berth.conflist");
    const embedded = defaultNetwork({
      subnet: defaultConfig().cni.defaultSubnet,
      bridge: "berth0",
      ipamDataDir: "/x",
    });
    expect(requiredBinaries(written)).toEqual(requiredBinaries(embedded));
    expect(JSON.stringify(raw)).toContain(`"subnet":"${defaultConfig().cni.defaultSubnet}"`);
    expect(await readFile(join(root, "etc/sysctl.d/99-berth.conf"), "utf8")).toContain(
      "net.ipv4.ip_forward = 1",
    );
    expect(await readFile(join(root, "etc/modules-load.d/berth.conf"), "utf8")).toContain("overlay");
  });

  it("writes the embedded defaults as the config file, and they parse back to the defaults", async () => {
    const text = await readFile(join(root, "etc/berth/config.yaml"), "utf8");
    expect(parseConfig(parseYaml(text))).toEqual(defaultConfig());
  });

  it("the installed tree runs without development packages and its helper passes doctor's check", async () => {
    const prefix = join(root, "opt/berth");
    expect(await exists(join(prefix, "node_modules/vitest"))).toBe(false);
    expect(await exists(join(prefix, "node_modules/@grpc/grpc-js"))).toBe(true);
    const v = spawnSync(process.execPath, [join(prefix, "dist/src/cli.js"), "version"], { encoding: "utf8" });
    expect(v.stdout).toMatch(/^berth \d+\.\d+\.\d+/);
    const [helper] = await checkRuntimeBinaries({
      proc: "/proc",
      sys: "/sys",
      pathDirs: [],
      socket: "/nonexistent",
      helperBinary: join(prefix, "dist/bin/berth-runtime"),
      runtimeBinary: "",
      cniConfDir: join(root, "etc/cni/net.d"),
      cniBinDirs: [],
      stateRoot: join(root, "var/lib/berth"),
    });
    expect(helper?.status).toBe("ok");
  });

  it(
    "running it again keeps an edited config and leaves no staging folders",
    async () => {
      const config = join(root, "etc/berth/config.yaml");
      await writeFile(config, "logLevel: debug\n");
      const again = install(["--root-dir", root]);
      expect(again.code, again.out).toBe(0);
      expect(again.out).toContain("keeping existing /etc/berth/config.yaml");
      expect(again.out).toContain("keeping the CNI configuration");
      expect(await readFile(config, "utf8")).toBe("logLevel: debug\n");
      expect((await readdir(join(root, "opt"))).sort()).toEqual(["berth"]);
    },
    SLOW,
  );

  it("does not add its CNI network where one is configured", async () => {
    const other = await newRoot();
    await mkdir(join(other, "etc/cni/net.d"), { recursive: true });
    await writeFile(join(other, "etc/cni/net.d/10-calico.conflist"), "{}");
    const r = install(["--root-dir", other, "--dry-run"]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toContain("10-berth.conflist");
  });

  it("--dry-run prints the actions and changes nothing", async () => {
    const other = await newRoot();
    const r = install(["--root-dir", other, "--dry-run"]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`+ write ${other}/etc/systemd/system/berthd.service (mode 0644)`);
    expect(r.out).toMatch(/\+ cp -a .*package\.json/);
    expect(r.out).toContain("/etc/cni/net.d/10-berth.conflist");
    expect(await readdir(other)).toEqual([]);
  });

  it("installs from a release tarball that bundles Node.js, using the tree's own node", async () => {
    const work = await newRoot();
    const tree = join(work, "berth");
    await mkdir(join(tree, "dist/src"), { recursive: true });
    await mkdir(join(tree, "dist/bin"), { recursive: true });
    await mkdir(join(tree, "node_modules"), { recursive: true });
    await mkdir(join(tree, "bin"), { recursive: true });
    await writeFile(join(tree, "package.json"), JSON.stringify({ name: "berth", version: "9.9.9" }));
    await writeFile(join(tree, "dist/src/cli.js"), 'process.stdout.write("logLevel: info\\n");\n');
    await writeFile(join(tree, "dist/bin/berth-runtime"), "#!/bin/sh\n", { mode: 0o755 });
    await symlink(process.execPath, join(tree, "bin/node"));
    const tarball = join(work, "berth.tar.gz");
    expect(spawnSync("tar", ["-czf", tarball, "-C", work, "berth"]).status).toBe(0);
    const target = await newRoot();
    const r = install(["--from", tarball, "--root-dir", target, "--no-cni"]);
    expect(r.code, r.out).toBe(0);
    expect(await readFile(join(target, "usr/local/bin/berth"), "utf8")).toContain(
      'exec "/opt/berth/bin/node"',
    );
    expect(await readFile(join(target, "etc/berth/config.yaml"), "utf8")).toMatch(/^logLevel: info$/m);
    expect(await exists(join(target, "opt/berth/bin/node"))).toBe(true);
    expect(await exists(join(target, "etc/cni/net.d"))).toBe(false);
  });

  it("rejects unknown options and a source tree that was not built", async () => {
    const bad = install(["--frobnicate"]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("unknown option: --frobnicate");
    const empty = await newRoot();
    await writeFile(join(empty, "package.json"), "{}");
    const unbuilt = install(["--from", empty, "--root-dir", await newRoot()]);
    expect(unbuilt.code).toBe(1);
    expect(unbuilt.out).toContain("run `make build` first");
  });

  it("hack/kind/run.sh fails early and names every missing tool", () => {
    // No docker/kind/helm on this PATH (docker lives in /usr/local/bin here, kind and helm nowhere).
    const r = spawnSync("bash", [join(REPO, "hack/kind/run.sh"), "up"], {
      encoding: "utf8",
      env: { ...process.env, PATH: "/usr/bin:/bin" },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/missing tools:\n {2}- docker .*\n {2}- kind .*\n(.*\n)* {2}- helm /);
  });

  it(
    "--uninstall removes what it installed and keeps the config; --purge removes the config too",
    async () => {
      const r = install(["--root-dir", root, "--uninstall"]);
      expect(r.code, r.out).toBe(0);
      for (const p of ["opt/berth", "usr/local/bin/berth", "etc/systemd/system/berthd.service"])
        expect(await exists(join(root, p)), p).toBe(false);
      expect(await exists(join(root, "etc/cni/net.d/10-berth.conflist"))).toBe(false);
      expect(await exists(join(root, "etc/berth/config.yaml"))).toBe(true);
      expect(install(["--root-dir", root, "--uninstall", "--purge"]).code).toBe(0);
      expect(await exists(join(root, "etc/berth"))).toBe(false);
    },
    SLOW,
  );
});
