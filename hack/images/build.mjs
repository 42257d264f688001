// make images: the controller and node images as OCI image archives, without a Docker daemon.
//
//   node hack/images/build.mjs [--out dist/images] [--tag <version>] [controller] [node]
//
// dist/images/berth-controller.tar  `berth controller` on this machine's Node.js, non-root (65532),
//                                   no shell: the contents Dockerfile.controller describes
// dist/images/berth-node.tar        the installable berth tree under /opt/berth (Node.js, dist/ with
//                                   the native helper, production node_modules, hack/install-node.sh):
//                                   the `tree` stage of Dockerfile.node, as an image to copy from
//
// Each archive is an OCI image layout (oci-layout, index.json, blobs/) in a tar: `berth image
// import` loads it, `skopeo copy oci-archive:<file> docker://<registry>/<name>:<tag>` pushes it.
// Reproducible: one layer, entries sorted, every timestamp the last commit's (SOURCE_DATE_EPOCH
// overrides), owners and modes normalised, gzip without a name or time in its header. Node.js and
// the shared libraries it loads come from this machine's Debian packages (ldd lists them).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import tar from "tar-stream";

const REPO = resolve(import.meta.dirname, "../..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8"));
const OUT = resolve(opt("--out", join(REPO, "dist/images")));
const TAG = opt("--tag", pkg.version);
const which = args.length ? args : ["controller", "node"];
const EPOCH = Number(
  process.env.SOURCE_DATE_EPOCH ??
    execFileSync("git", ["-C", REPO, "log", "-1", "--format=%ct"], { encoding: "utf8" }).trim(),
);
const NONROOT = 65532;

/** The files of one image: path in the image → entry. Directories are added for every parent. */
class Tree {
  entries = new Map();
  dir(path, { mode = 0o755, uid = 0 } = {}) {
    for (let p = path; p !== "/" && p !== "."; p = dirname(p)) {
      if (!this.entries.has(p))
        this.entries.set(p, {
          type: "directory",
          mode: p === path ? mode : 0o755,
          uid: p === path ? uid : 0,
        });
    }
  }
  file(path, content, mode = 0o644) {
    this.dir(dirname(path));
    this.entries.set(path, { type: "file", content, mode, uid: 0 });
  }
  symlink(path, target) {
    this.dir(dirname(path));
    this.entries.set(path, { type: "symlink", linkname: target, mode: 0o777, uid: 0 });
  }
  /** Copies a host folder in; symlinks inside it stay symlinks; modes keep only the x bits. */
  copy(hostDir, imageDir, skip = () => false) {
    const walk = (h, i) => {
      this.dir(i);
      for (const name of readdirSync(h).sort()) {
        const hp = join(h, name);
        const ip = `${i}/${name}`;
        if (skip(relative(hostDir, hp))) continue;
        const st = lstatSync(hp);
        if (st.isSymbolicLink()) this.symlink(ip, readlinkSync(hp));
        else if (st.isDirectory()) walk(hp, ip);
        else if (st.isFile()) this.file(ip, readFileSync(hp), st.mode & 0o111 ? 0o755 : 0o644);
      }
    };
    walk(hostDir, imageDir);
  }
  /** A host binary and every shared library ldd says it loads, at the same paths. */
  binary(hostPath, imagePath) {
    this.file(imagePath, readFileSync(hostPath), 0o755);
    const ldd = execFileSync("ldd", [hostPath], { encoding: "utf8" });
    for (const m of ldd.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)) {
      const lib = m[1];
      if (!this.entries.has(lib)) this.file(lib, readFileSync(realpathSync(lib)), 0o755);
    }
  }
  /** The layer: a tar with sorted entries and fixed times and owners. */
  async layer() {
    const pack = tar.pack();
    const chunks = [];
    pack.on("data", (c) => chunks.push(c));
    const done = new Promise((res, rej) => {
      pack.on("end", res);
      pack.on("error", rej);
    });
    const mtime = new Date(EPOCH * 1000);
    for (const path of [...this.entries.keys()].sort()) {
      const e = this.entries.get(path);
      const header = {
        name: path.slice(1),
        mode: e.mode,
        uid: e.uid,
        gid: e.uid,
        uname: "",
        gname: "",
        mtime,
        type: e.type,
      };
      if (e.type === "symlink") header.linkname = e.linkname;
      if (e.type === "directory") header.name += "/";
      await new Promise((res, rej) =>
        pack.entry(header, e.type === "file" ? e.content : undefined, (err) => (err ? rej(err) : res())),
      );
    }
    pack.finalize();
    await done;
    return Buffer.concat(chunks);
  }
}

const sha = (b) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

/** Writes `<out>/<file>`: an OCI image layout tar holding one image of one layer. */
async function writeImage(file, name, tree, config) {
  const layerTar = await tree.layer();
  const layer = gzipSync(layerTar); // Node writes no name and mtime 0 in the header
  const created = new Date(EPOCH * 1000).toISOString();
  const cfg = Buffer.from(
    JSON.stringify({
      created,
      architecture: "amd64",
      os: "linux",
      config,
      rootfs: { type: "layers", diff_ids: [sha(layerTar)] },
      history: [{ created, created_by: "hack/images/build.mjs" }],
    }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: sha(cfg), size: cfg.length },
      layers: [
        { mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: sha(layer), size: layer.length },
      ],
    }),
  );
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.index.v1+json",
      manifests: [
        {
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          digest: sha(manifest),
          size: manifest.length,
          annotations: {
            "io.containerd.image.name": `${name}:${TAG}`,
            "org.opencontainers.image.ref.name": TAG,
          },
        },
      ],
    }),
  );
  const out = new Tree();
  out.file("/oci-layout", Buffer.from('{"imageLayoutVersion":"1.0.0"}'));
  out.file("/index.json", index);
  for (const blob of [layer, cfg, manifest]) out.file(`/blobs/sha256/${sha(blob).slice(7)}`, blob);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, file), await out.layer());
  console.log(
    `${join(relative(REPO, OUT), file)}  ${name}:${TAG}  ${sha(manifest)}  ${(layer.length / 1048576).toFixed(1)} MiB`,
  );
}

/** Production node_modules, installed from the lock file into a scratch folder. */
function productionModules() {
  const dir = mkdtempSync(join(tmpdir(), "berth-images-"));
  cpSync(join(REPO, "package.json"), join(dir, "package.json"));
  cpSync(join(REPO, "package-lock.json"), join(dir, "package-lock.json"));
  execFileSync(
    "npm",
    ["ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
    { cwd: dir, stdio: "inherit" },
  );
  return dir;
}

/** dist/ as shipped: the compiled sources and the CRI code, not tests or source maps. */
function addDist(tree, to) {
  tree.copy(join(REPO, "dist"), to, (rel) => rel.endsWith(".map") || !/^(src|cri-api|bin)(\/|$)/.test(rel));
}

for (const w of which)
  if (w !== "controller" && w !== "node") throw new Error(`unknown image "${w}" (controller, node)`);
const modules = productionModules();
try {
  if (which.includes("controller")) {
    const t = new Tree();
    t.binary("/usr/bin/node", "/usr/bin/node");
    t.file(
      "/etc/passwd",
      Buffer.from(
        `root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:${NONROOT}:${NONROOT}:nonroot:/home/nonroot:/sbin/nologin\n`,
      ),
    );
    t.file("/etc/group", Buffer.from(`root:x:0:\nnonroot:x:${NONROOT}:\n`));
    t.dir("/home/nonroot", { mode: 0o700, uid: NONROOT });
    t.dir("/tmp", { mode: 0o1777 });
    t.file("/app/package.json", readFileSync(join(REPO, "package.json")));
    addDist(t, "/app/dist");
    t.entries.delete("/app/dist/bin"); // the native helper is for nodes, not the controller
    for (const k of [...t.entries.keys()]) if (k.startsWith("/app/dist/bin/")) t.entries.delete(k);
    t.copy(join(modules, "node_modules"), "/app/node_modules");
    await writeImage("berth-controller.tar", "berth/controller", t, {
      User: `${NONROOT}:${NONROOT}`,
      Entrypoint: ["/usr/bin/node", "/app/dist/src/cli.js"],
      Cmd: ["controller"],
      WorkingDir: "/app",
      Env: ["PATH=/usr/bin", "NODE_ENV=production"],
      ExposedPorts: { "8080/tcp": {}, "8081/tcp": {} },
      Labels: {
        "org.opencontainers.image.title": "berth controller",
        "org.opencontainers.image.version": TAG,
      },
    });
  }
  if (which.includes("node")) {
    const t = new Tree();
    t.binary("/usr/bin/node", "/opt/berth/bin/node");
    for (const f of ["package.json", "package-lock.json"])
      t.file(`/opt/berth/${f}`, readFileSync(join(REPO, f)));
    addDist(t, "/opt/berth/dist");
    t.copy(join(modules, "node_modules"), "/opt/berth/node_modules");
    for (const f of ["install-node.sh", "berthd.service"])
      t.file(`/opt/berth/hack/${f}`, readFileSync(join(REPO, "hack", f)), f.endsWith(".sh") ? 0o755 : 0o644);
    await writeImage("berth-node.tar", "berth/node", t, {
      Entrypoint: ["/opt/berth/bin/node", "/opt/berth/dist/src/cli.js"],
      Cmd: ["daemon"],
      WorkingDir: "/opt/berth",
      Env: ["PATH=/opt/berth/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
      Labels: {
        "org.opencontainers.image.title": "berth node tree",
        "org.opencontainers.image.version": TAG,
      },
    });
  }
} finally {
  rmSync(modules, { recursive: true, force: true });
}
