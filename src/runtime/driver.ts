// The runtime driver: container lifecycle over an OCI runtime binary (berth-runtime by default,
// runc in its place) and berth-runtime's per-container monitor, plus recovery after a restart.
//
// State root layout (one directory per container, everything needed to recover from disk):
//   <stateRoot>/oci/<runtime name>/       the OCI runtime's own --root
//   <stateRoot>/c/<id>/record.json         ContainerRecord, rewritten atomically on each transition
//   <stateRoot>/c/<id>/config.json         the OCI bundle (root.path → rootfs/)
//   <stateRoot>/c/<id>/{rootfs,upper,work} overlay mount point and writable layer
//   <stateRoot>/c/<id>/{pid,exit.json,ctl,ctl.pid}  written by the monitor
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import {
  AlreadyExistsError,
  errnoCode,
  errorMessage,
  FailedPreconditionError,
  InternalError,
  InvalidArgumentError,
  NotFoundError,
} from "../errors.js";
import { failpoint } from "../failpoint.js";
import { pathExists, writeJsonReplace } from "../fsutil.js";
import { childLogger, type Logger } from "../log.js";
import { runCommand } from "../spawner.js";
import { type CgroupStats, Cgroups } from "./cgroups.js";
import { type ExecHandle, type ExecOptions, startExec } from "./exec.js";
import { run } from "./exec-file.js";
import {
  type AttachStreams,
  attachMonitor,
  type ControlCommand,
  controlRequest,
  type ExitInfo,
} from "./monitor-client.js";
import type { OciSpec, OciState } from "./oci.js";
import { isSameProcessAlive, pidStartTime } from "./proc.js";
import { mountRootfs, prepareRootfs, removeRootfs, rootfsLayout, unmountRootfs } from "./rootfs.js";
import {
  type ContainerSpec,
  ociResources,
  type ResourceSpec,
  unheldCapabilities,
  writeBundle,
} from "./spec.js";

export type { ExecHandle, ExecOptions } from "./exec.js";
export type { ExitInfo } from "./monitor-client.js";

export type ContainerStatus = "created" | "running" | "stopped" | "unknown";

export interface ContainerState {
  id: string;
  status: ContainerStatus;
  pid: number;
  createdAt: string;
  startedAt?: string;
  exit?: ExitInfo;
}

export interface CreateOptions {
  /** The container; `rootfs` is filled in by the driver (the overlay of `layers`). */
  spec: Omit<ContainerSpec, "rootfs">;
  /** Read-only layer directories, topmost first; empty for an empty root. */
  layers: readonly string[];
  /** CRI log file; default `<container dir>/container.log`. */
  logPath?: string;
  /**
   * A directory `logPath` must stay inside: the monitor opens the log beneath it with no symlink
   * in any component (at create and at every reopen).
   */
  logRoot?: string;
  stdin?: boolean;
  stdinOnce?: boolean;
  logMaxLine?: number;
  /** OCI runtime for this container; default the driver's. */
  runtimeBinary?: string;
}

/** What the driver persists per container. */
interface ContainerRecord {
  id: string;
  runtimeBinary: string;
  cgroupsPath: string;
  logPath: string;
  createdAt: string;
  pid: number;
  pidStartTime: string;
  startedAt?: string;
}

export interface RuntimeDriverOptions {
  stateRoot: string;
  /** berth-runtime: always runs the monitor, and is the default OCI runtime. */
  helperBinary: string;
  /** The OCI runtime (berth-runtime, runc, …); default helperBinary. */
  runtimeBinary?: string;
  /** Parent cgroup of containers created without a cgroupsPath. */
  cgroupParent?: string;
  cgroups?: Cgroups;
  log?: Logger;
  /** How long the monitor may take to create a container. */
  createTimeoutMs?: number;
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** strerror texts of a cgroup write the kernel refused for its value (EINVAL, EBUSY, ERANGE, ENOSPC). */
const KERNEL_REFUSED =
  /invalid argument|device or resource busy|result out of range|no space left on device/i;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Written into a container's directory before anything else of its create. */
const CREATE_INTENT = "create.json";
interface CreateIntent {
  runtimeBinary: string;
  cgroupsPath: string;
}

/** SIGKILLs every `berth-runtime monitor --id <id>` process (the pid file may not exist yet). */
async function killMonitorsOf(id: string): Promise<void> {
  let pids: string[];
  try {
    pids = (await readdir("/proc")).filter((n) => /^\d+$/.test(n));
  } catch {
    return;
  }
  for (const pid of pids) {
    const argv = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0");
    const at = argv.indexOf("--id");
    if (argv.includes("monitor") && at >= 0 && argv[at + 1] === id) {
      try {
        process.kill(Number(pid), "SIGKILL");
      } catch {
        // Gone meanwhile.
      }
    }
  }
}

export class RuntimeDriver {
  readonly stateRoot: string;
  readonly helperBinary: string;
  readonly runtimeBinary: string;
  private readonly cgroupParent: string;
  private readonly cgroups: Cgroups;
  private readonly log: Logger;
  private readonly createTimeoutMs: number;
  /** Background deletions of removed containers' folders (see discard). */
  private readonly discarding = new Set<Promise<void>>();
  /**
   * record.json and exit.json as last written or read: only this driver writes the first, and the
   * second never changes once the monitor wrote it. Every status call (kubelet's relists, probes)
   * reads both; from memory that costs nothing instead of two file reads on the thread pool.
   */
  private readonly records = new Map<string, ContainerRecord>();
  private readonly exits = new Map<string, ExitInfo>();

  constructor(opts: RuntimeDriverOptions) {
    this.stateRoot = resolve(opts.stateRoot);
    this.helperBinary = opts.helperBinary;
    this.runtimeBinary = opts.runtimeBinary ?? opts.helperBinary;
    this.cgroupParent = opts.cgroupParent ?? "/berth";
    this.cgroups = opts.cgroups ?? new Cgroups();
    this.log = opts.log ?? childLogger("runtime");
    this.createTimeoutMs = opts.createTimeoutMs ?? 30_000;
  }

  private dir(id: string): string {
    if (!ID_RE.test(id)) throw new InvalidArgumentError(`container id "${id}" is not valid`);
    return join(this.stateRoot, "c", id);
  }

  private runtimeRoot(binary: string): string {
    return join(this.stateRoot, "oci", basename(binary));
  }

  private async runtime(rec: Pick<ContainerRecord, "runtimeBinary">, args: string[], input?: string) {
    return run(rec.runtimeBinary, ["--root", this.runtimeRoot(rec.runtimeBinary), ...args], {
      ...(input !== undefined ? { input } : {}),
      timeoutMs: 30_000,
    });
  }

  /** The container's record (a copy: callers change it before they write it). */
  private async readRecord(id: string): Promise<ContainerRecord> {
    const dir = this.dir(id);
    let rec = this.records.get(id);
    if (!rec) {
      try {
        rec = JSON.parse(await readFile(join(dir, "record.json"), "utf8")) as ContainerRecord;
      } catch (err) {
        // Missing, or empty after a power loss (it is not fsynced): the runtime knows no container.
        if (errnoCode(err) === "ENOENT" || err instanceof SyntaxError)
          throw new NotFoundError(`container "${id}" not found`);
        throw err;
      }
      this.records.set(id, rec);
    }
    return { ...rec };
  }

  /**
   * Not fsynced: it describes processes, which a power loss ends too; a kill -9 of berthd still
   * leaves the old or the new content. The CRI record is the durable one (a running container whose
   * runtime record is gone is reported exited).
   */
  private async writeRecord(rec: ContainerRecord): Promise<void> {
    await writeJsonReplace(join(this.dir(rec.id), "record.json"), rec, 0o600);
    this.records.set(rec.id, { ...rec });
  }

  private forget(id: string): void {
    this.records.delete(id);
    this.exits.delete(id);
  }

  /**
   * The monitor's exit record, once it is there. Read synchronously: while the container runs this
   * is one failed open(2), far cheaper than a trip through the thread pool, and it is on the path
   * of every status call.
   */
  private readExit(id: string): ExitInfo | undefined {
    let exit = this.exits.get(id);
    if (exit) return exit;
    try {
      exit = JSON.parse(readFileSync(join(this.dir(id), "exit.json"), "utf8")) as ExitInfo;
    } catch (err) {
      if (errnoCode(err) === "ENOENT") return undefined;
      throw err;
    }
    this.exits.set(id, exit);
    return exit;
  }

  /**
   * Mounts the rootfs, writes the bundle and has a new monitor create the container (held before
   * exec until start). Each step's undo runs in reverse order if a later step fails.
   */
  async create(opts: CreateOptions): Promise<ContainerState> {
    const id = opts.spec.id;
    const dir = this.dir(id);
    const control = join(dir, "ctl");
    const runtimeBinary = opts.runtimeBinary ?? this.runtimeBinary;
    const cgroupsPath = opts.spec.cgroupsPath ?? `${this.cgroupParent}/${id}`;
    const logPath = opts.logPath ?? join(dir, "container.log");
    const undo: (() => Promise<unknown>)[] = [];
    try {
      await mkdir(join(this.stateRoot, "c"), { recursive: true });
      try {
        await mkdir(dir, { mode: 0o711 });
      } catch (err) {
        if (errnoCode(err) === "EEXIST") throw new AlreadyExistsError(`container "${id}" already exists`);
        throw err;
      }
      undo.push(() => rm(dir, { recursive: true, force: true }));
      // What a cleanup after a crash needs before record.json exists: the mount, cgroup and
      // runtime state below are found from this (see deleteHalfCreated).
      const intent: CreateIntent = { runtimeBinary, cgroupsPath };
      const rootfs = rootfsLayout(dir).merged;
      undo.push(() => unmountRootfs(dir));
      // The monitor mounts the overlay before it creates the container (a mount(8) less per
      // create); the id-mapped root of a user-namespace container is mounted here, by the helper.
      const userns = opts.spec.userns;
      const prepare = userns
        ? mountRootfs(dir, opts.layers, { maps: userns, helper: this.helperBinary }).then(() => undefined)
        : prepareRootfs(dir, opts.layers);
      // Independent of each other, so at once: each is a few trips through the thread pool.
      const steps = [
        // Not fsynced: a kill -9 cannot tear it, and deleteHalfCreated falls back to the defaults
        // (and unmounts whatever is there) when a power loss left it empty.
        writeJsonReplace(join(dir, CREATE_INTENT), intent, 0o600),
        mkdir(dirname(logPath), { recursive: true }),
        prepare,
        writeBundle(dir, { ...opts.spec, rootfs, cgroupsPath }),
      ] as const;
      // All settled before a failure is thrown: the undo below must not race a step still running.
      await Promise.allSettled(steps);
      const [, , overlay] = await Promise.all(steps);
      failpoint("container-create:dir");
      failpoint("container-create:rootfs");
      failpoint("container-create:bundle");
      const unheld = unheldCapabilities(opts.spec);
      if (unheld.length > 0)
        this.log.warn(
          { containerId: id, capabilities: unheld },
          "capabilities outside the runtime's bounding set left out",
        );
      undo.push(() => this.cgroups.remove(cgroupsPath));
      undo.push(() =>
        run(runtimeBinary, ["--root", this.runtimeRoot(runtimeBinary), "delete", "--force", id]),
      );
      await this.spawnMonitor({ id, dir, control, runtimeBinary, logPath, opts, overlay: overlay?.options });
      failpoint("container-create:monitor");
      const pid = Number((await readFile(join(dir, "pid"), "utf8")).trim());
      const startTime = await pidStartTime(pid);
      if (!Number.isInteger(pid) || pid <= 0 || startTime === undefined) {
        throw new InternalError(`container "${id}": runtime reported pid ${pid}, which is not running`);
      }
      const rec: ContainerRecord = {
        id,
        runtimeBinary,
        cgroupsPath,
        logPath,
        createdAt: new Date().toISOString(),
        pid,
        pidStartTime: startTime,
      };
      await this.writeRecord(rec);
      failpoint("container-create:runtime-record");
      this.log.info({ containerId: id, pid, runtime: runtimeBinary }, "container created");
      return { id, status: "created", pid, createdAt: rec.createdAt };
    } catch (err) {
      for (const step of undo.reverse()) {
        try {
          await step();
        } catch (undoErr) {
          this.log.warn({ containerId: id, err: errorMessage(undoErr) }, "create rollback step failed");
        }
      }
      throw err;
    }
  }

  private async spawnMonitor(p: {
    id: string;
    dir: string;
    control: string;
    runtimeBinary: string;
    logPath: string;
    opts: CreateOptions;
    /** Overlay options the monitor mounts the rootfs with (relative to `dir`); absent: mounted. */
    overlay: string | undefined;
  }): Promise<void> {
    const { id, dir, control, runtimeBinary, logPath, opts } = p;
    const args = [
      "monitor",
      "--id",
      id,
      "--bundle",
      dir,
      "--runtime",
      runtimeBinary,
      "--runtime-root",
      this.runtimeRoot(runtimeBinary),
      "--exit-file",
      join(dir, "exit.json"),
      "--log-path",
      logPath,
      "--control",
      control,
      "--pid-file",
      join(dir, "pid"),
      "--rootfs",
      rootfsLayout(dir).merged,
      ...(p.overlay ? ["--overlay", p.overlay] : []),
    ];
    if (opts.spec.terminal) args.push("--tty");
    if (opts.stdin) args.push("--stdin");
    if (opts.stdinOnce) args.push("--stdin-once");
    if (opts.logMaxLine !== undefined) args.push("--log-max-line", String(opts.logMaxLine));
    if (opts.logRoot) args.push("--log-root", opts.logRoot);
    // The foreground answers once the container is created (the background monitor it leaves has
    // let go of stderr by then).
    const res = await runCommand([this.helperBinary, ...args], { timeoutMs: this.createTimeoutMs }).catch(
      (err: Error) => {
        throw new InternalError(`starting monitor "${this.helperBinary}": ${err.message}`, { cause: err });
      },
    );
    if (res.timedOut)
      throw new InternalError(
        `container "${id}": monitor did not finish create in ${this.createTimeoutMs} ms`,
      );
    if (res.code !== 0) {
      throw new InvalidArgumentError(
        `container "${id}" could not be created: ${res.stderr.trim() || `monitor exit ${res.code}`}`,
      );
    }
  }

  /**
   * Has the container's monitor carry out a control command (start, kill), which spares a runtime
   * process started from here. Undefined when the monitor cannot: it is gone (killed, or its
   * container exited), or predates the command (containers of an older berthd); the caller then
   * runs the runtime itself, as before.
   */
  private async monitorCommand(id: string, command: ControlCommand): Promise<string | undefined> {
    let reply: string;
    try {
      reply = await controlRequest(join(this.dir(id), "ctl"), command);
    } catch (err) {
      if (err instanceof FailedPreconditionError) return undefined;
      throw err;
    }
    return reply === "error unknown command" ? undefined : reply;
  }

  /** Lets the created container's process exec its command. */
  async start(id: string): Promise<ContainerState> {
    const rec = await this.readRecord(id);
    let failure: string | undefined;
    const reply = await this.monitorCommand(id, "start");
    if (reply === undefined) {
      const res = await this.runtime(rec, ["start", id]);
      if (res.code !== 0) failure = res.stderr.trim();
    } else if (reply !== "ok") {
      failure = reply.replace(/^error /, "");
    }
    if (failure !== undefined)
      throw new FailedPreconditionError(`container "${id}" could not be started: ${failure}`);
    rec.startedAt = new Date().toISOString();
    await this.writeRecord(rec);
    this.log.info({ containerId: id }, "container started");
    return this.state(id);
  }

  /** Signals the container's init (or, with `all`, every process of its cgroup). */
  async kill(id: string, signal: NodeJS.Signals | number = "SIGTERM", all = false): Promise<void> {
    const rec = await this.readRecord(id);
    if (!(await isSameProcessAlive(rec.pid, rec.pidStartTime))) return;
    const sig = typeof signal === "number" ? String(signal) : signal.replace(/^SIG/, "");
    const reply = await this.monitorCommand(id, `kill ${sig}${all ? " all" : ""}`);
    if (reply === "ok") return;
    let failure = reply?.replace(/^error /, "");
    if (reply === undefined) {
      const res = await this.runtime(rec, ["kill", ...(all ? ["--all"] : []), id, sig]);
      if (res.code === 0) return;
      failure = res.stderr.trim();
    }
    if (await isSameProcessAlive(rec.pid, rec.pidStartTime))
      throw new InternalError(`kill container "${id}" with ${signal}: ${failure}`);
  }

  /** Resolves with the exit record once the container has exited. */
  async wait(id: string, timeoutMs = Number.POSITIVE_INFINITY): Promise<ExitInfo> {
    const deadline = Date.now() + timeoutMs;
    // Most waits end within milliseconds (a stop, a short exec): poll fast first, then every 25 ms.
    for (let round = 0; ; round++) {
      const st = await this.state(id);
      if (st.exit) return st.exit;
      if (st.status === "unknown") {
        throw new FailedPreconditionError(`container "${id}" is gone without an exit record`);
      }
      if (Date.now() > deadline)
        throw new FailedPreconditionError(`container "${id}" still runs after ${timeoutMs} ms`);
      await sleep(Math.min(25, 2 ** round));
    }
  }

  async state(id: string): Promise<ContainerState> {
    const rec = await this.readRecord(id);
    const base = {
      id,
      pid: rec.pid,
      createdAt: rec.createdAt,
      ...(rec.startedAt ? { startedAt: rec.startedAt } : {}),
    };
    const exit = this.readExit(id);
    if (exit) return { ...base, status: "stopped", exit };
    if (await isSameProcessAlive(rec.pid, rec.pidStartTime)) {
      if (rec.startedAt) return { ...base, status: "running" };
      // Started by an earlier berthd that died before recording it? Ask the runtime.
      const st = await this.ociState(rec, id);
      return { ...base, status: st?.status === "running" ? "running" : "created" };
    }
    // The process is gone: its monitor writes the exit record right after reaping it, then exits.
    // Read the exit file again after seeing the monitor gone, since it may have finished between.
    const monitorDeadline = Date.now() + 5_000;
    for (let i = 0; Date.now() < monitorDeadline && (await this.monitorAlive(id)); i++) {
      const late = this.readExit(id);
      if (late) return { ...base, status: "stopped", exit: late };
      await sleep(Math.min(20, 2 ** i));
    }
    const late = this.readExit(id);
    if (late) return { ...base, status: "stopped", exit: late };
    return { ...base, status: "unknown" };
  }

  /** created or running, as the monitor (else the runtime) knows it. */
  private async ociState(rec: ContainerRecord, id: string): Promise<Pick<OciState, "status"> | undefined> {
    const reply = await this.monitorCommand(id, "state");
    const res = reply === undefined ? await this.runtime(rec, ["state", id]) : undefined;
    if (res && res.code !== 0) return undefined;
    try {
      return JSON.parse(res ? res.stdout : (reply ?? "")) as Pick<OciState, "status">;
    } catch {
      return undefined;
    }
  }

  /**
   * Removes what a create that never finished (berthd killed mid-way) left: its monitor and
   * container process, runtime state, cgroup, rootfs mount and directory, found from the intent
   * file written before any of them. A directory that is not there is nothing to do.
   */
  private async deleteHalfCreated(id: string): Promise<void> {
    const dir = this.dir(id);
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch (err) {
      if (errnoCode(err) === "ENOENT") return;
      throw err;
    }
    const intent = (await readFile(join(dir, CREATE_INTENT), "utf8")
      .then((t) => JSON.parse(t) as CreateIntent)
      .catch(() => undefined)) ?? {
      runtimeBinary: this.runtimeBinary,
      cgroupsPath: `${this.cgroupParent}/${id}`,
    };
    this.log.warn({ containerId: id, entries: entries.length }, "removing a half-created container");
    // A monitor spawned just before the crash may still be creating: stop it first, so that it
    // does not make the container again behind the cleanup.
    await killMonitorsOf(id);
    await run(intent.runtimeBinary, [
      "--root",
      this.runtimeRoot(intent.runtimeBinary),
      "delete",
      "--force",
      id,
    ]);
    await this.cgroups.remove(intent.cgroupsPath);
    await removeRootfs(dir);
  }

  /** A monitor still there after its container is gone is stuck: it must not outlive delete. */
  private async killStuckMonitor(id: string): Promise<void> {
    const pid = Number((await readFile(join(this.dir(id), "ctl.pid"), "utf8").catch(() => "")).trim());
    if (!Number.isInteger(pid) || pid <= 0) return;
    // Only this container's monitor: the pid file could be stale and the pid reused.
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0");
    if (!cmdline.includes("monitor") || !cmdline.includes(id)) return;
    this.log.warn({ containerId: id, monitorPid: pid }, "killing a monitor that outlived its container");
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Exited meanwhile.
    }
  }

  private async monitorAlive(id: string): Promise<boolean> {
    const pid = Number((await readFile(join(this.dir(id), "ctl.pid"), "utf8").catch(() => "")).trim());
    if (!Number.isInteger(pid) || pid <= 0) return false;
    return (await pidStartTime(pid)) !== undefined;
  }

  /**
   * Deletes the container: the runtime's state (killing it when `force`), its cgroup (leftover
   * processes killed first), the rootfs mount and, unless `keepWritableLayer`, its directory.
   */
  async delete(id: string, opts: { force?: boolean; keepWritableLayer?: boolean } = {}): Promise<void> {
    const dir = this.dir(id);
    let rec: ContainerRecord;
    try {
      rec = await this.readRecord(id);
    } catch (err) {
      if (err instanceof NotFoundError) return this.deleteHalfCreated(id);
      throw err;
    }
    const st = await this.state(id);
    // From here on what is on disk is the truth again: the folder goes away below.
    this.forget(id);
    if ((st.status === "running" || st.status === "created") && !opts.force) {
      throw new FailedPreconditionError(
        `container "${id}" is ${st.status}; stop it first or force the delete`,
      );
    }
    // The monitor has the runtime delete an exited container and unmounts its rootfs before it
    // records the exit: what is left here is a container still there, or what that step failed at.
    if (await pathExists(join(this.runtimeRoot(rec.runtimeBinary), id))) {
      const res = await this.runtime(rec, ["delete", "--force", id]);
      if (res.code !== 0 && !/not exist|not found|no such/i.test(res.stderr)) {
        this.log.warn(
          { containerId: id, err: res.stderr.trim() },
          "runtime delete failed; cleaning up directly",
        );
      }
    }
    await this.cgroups.remove(rec.cgroupsPath);
    // The monitor exits right after the container; give it a moment so it never outlives delete.
    // It is usually a millisecond or two behind the exit record: poll fast first (1, 2, 4 … 20 ms),
    // as wait() does, instead of sleeping 20 ms the first time; still about two seconds in all.
    const monitorDeadline = Date.now() + 2_000;
    for (let i = 0; Date.now() < monitorDeadline && (await this.monitorAlive(id)); i++)
      await sleep(Math.min(20, 2 ** i));
    await this.killStuckMonitor(id);
    if (opts.keepWritableLayer) {
      await unmountRootfs(dir);
      const keep = new Set(["upper", "work"]);
      for (const name of await readdir(dir))
        if (!keep.has(name)) await rm(join(dir, name), { recursive: true, force: true });
    } else {
      await this.discard(dir);
    }
    this.log.info({ containerId: id }, "container deleted");
  }

  /**
   * Removes a cgroup that groups containers (a pod's, which the runtime created on the way to its
   * first container's) in every hierarchy, with whatever is left below it. Missing is not an error.
   */
  async removeGroupCgroup(cgroupsPath: string): Promise<void> {
    await this.cgroups.remove(cgroupsPath);
  }

  /** Removes a writable layer kept by `delete({ keepWritableLayer: true })`. */
  async removeWritableLayer(id: string): Promise<void> {
    await this.discard(this.dir(id));
  }

  /** Where removed containers' folders wait for their deletion. */
  private trashDir(): string {
    return join(this.stateRoot, "trash");
  }

  /**
   * Takes a container's folder away at once: unmounted, then renamed into trash/, and deleted in
   * the background, so that a remove never walks the writable layer, however big. What a kill -9
   * leaves there is deleted by sweepDiscarded (recovery). Renaming fails only for a folder that is
   * gone (nothing to do) or on odd setups; then it is deleted in place as before.
   */
  private async discard(dir: string): Promise<void> {
    await unmountRootfs(dir);
    const dest = join(this.trashDir(), `${basename(dir)}-${randomBytes(4).toString("hex")}`);
    try {
      await mkdir(this.trashDir(), { recursive: true, mode: 0o700 });
      await rename(dir, dest);
    } catch (err) {
      if (errnoCode(err) === "ENOENT") return;
      await removeRootfs(dir);
      return;
    }
    const done: Promise<void> = removeRootfs(dest)
      .catch((err: unknown) =>
        this.log.warn({ path: dest, err: errorMessage(err) }, "deleting a removed container's folder failed"),
      )
      .finally(() => this.discarding.delete(done));
    this.discarding.add(done);
  }

  /** Deletes the folders of removed containers that a restart interrupted (see discard). */
  async sweepDiscarded(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.trashDir());
    } catch (err) {
      if (errnoCode(err) === "ENOENT") return;
      throw err;
    }
    for (const name of names) await removeRootfs(join(this.trashDir(), name));
  }

  /** Resolves once every background deletion started so far has finished. */
  async settled(): Promise<void> {
    await Promise.all([...this.discarding]);
  }

  /** Runs a new process inside the running container (all its namespaces and its cgroup). */
  async exec(id: string, opts: ExecOptions): Promise<ExecHandle> {
    const rec = await this.readRecord(id);
    if (!(await isSameProcessAlive(rec.pid, rec.pidStartTime))) {
      throw new FailedPreconditionError(`container "${id}" is not running`);
    }
    const config = JSON.parse(await readFile(join(this.dir(id), "config.json"), "utf8")) as OciSpec;
    return startExec({
      runtime: rec.runtimeBinary,
      runtimeRoot: this.runtimeRoot(rec.runtimeBinary),
      id,
      dir: this.dir(id),
      config,
      opts,
    });
  }

  /** Changes CPU/memory/pids limits in place through `<runtime> update`. */
  async update(id: string, resources: ResourceSpec): Promise<void> {
    const rec = await this.readRecord(id);
    const body = JSON.stringify(ociResources(resources));
    const file = join(this.dir(id), `update-${randomBytes(6).toString("hex")}.json`);
    await writeFile(file, body, { mode: 0o600 });
    try {
      const res = await this.runtime(rec, ["update", "--resources", file, id]);
      if (res.code !== 0) {
        const why = res.stderr.trim();
        if (!(await isSameProcessAlive(rec.pid, rec.pidStartTime)))
          throw new FailedPreconditionError(`container "${id}" is not running`);
        // The kernel refusing a value (a cpuset of CPUs the node lacks, a memory limit below what
        // the container already uses) is the caller's mistake.
        if (KERNEL_REFUSED.test(why))
          throw new InvalidArgumentError(`container "${id}": the kernel refused the resources: ${why}`);
        throw new InternalError(`update container "${id}": ${why}`);
      }
    } finally {
      await rm(file, { force: true });
    }
  }

  /** Asks the monitor to reopen the log file (after kubelet rotated it). */
  async reopenLog(id: string): Promise<void> {
    await this.readRecord(id);
    const reply = await controlRequest(join(this.dir(id), "ctl"), "reopen");
    // The log file's place is the caller's (kubelet's) to keep usable: a folder removed or a
    // symlink planted there is a precondition that failed, not a runtime bug.
    if (reply !== "ok") throw new FailedPreconditionError(`reopen log of container "${id}": ${reply}`);
  }

  /** Attaches to the container's stdio through its monitor. */
  async attach(id: string): Promise<AttachStreams> {
    await this.readRecord(id);
    return attachMonitor(join(this.dir(id), "ctl"));
  }

  async stats(id: string): Promise<CgroupStats> {
    const rec = await this.readRecord(id);
    return this.cgroups.stats(rec.cgroupsPath);
  }

  /**
   * Every container directory, whether its create finished or not: after a crash, the ones no
   * caller knows are leftovers for `delete`.
   */
  async listAll(): Promise<string[]> {
    try {
      return (await readdir(join(this.stateRoot, "c"))).filter((n) => ID_RE.test(n)).sort();
    } catch (err) {
      if (errnoCode(err) === "ENOENT") return [];
      throw err;
    }
  }

  async list(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(join(this.stateRoot, "c"));
    } catch (err) {
      if (errnoCode(err) === "ENOENT") return [];
      throw err;
    }
    const out: string[] = [];
    for (const n of names.sort()) {
      if (
        ID_RE.test(n) &&
        (await readFile(join(this.stateRoot, "c", n, "record.json")).then(
          () => true,
          () => false,
        ))
      ) {
        out.push(n);
      }
    }
    return out;
  }

  /**
   * Rebuilds the picture after a restart of berthd. Assumptions:
   * 1. A directory with record.json holds a container whose create finished; its state is read
   *    from disk (exit file) and from /proc (pid + start time), never from memory.
   * 2. A directory without record.json is a create that died half-way: its runtime state, cgroup,
   *    mount and directory are removed. Writable layers kept by delete (only upper/work left) stay.
   * 3. Monitors are not restarted: a live container keeps its own monitor, which outlived berthd.
   */
  async recover(): Promise<ContainerState[]> {
    const root = join(this.stateRoot, "c");
    let names: string[] = [];
    try {
      names = await readdir(root);
    } catch (err) {
      if (errnoCode(err) !== "ENOENT") throw err;
    }
    const states: ContainerState[] = [];
    for (const id of names.sort()) {
      if (!ID_RE.test(id)) continue;
      const dir = join(root, id);
      const entries = await readdir(dir);
      if (entries.includes("record.json")) {
        states.push(await this.state(id));
        continue;
      }
      if (entries.every((e) => e === "upper" || e === "work")) continue;
      this.log.warn({ containerId: id }, "removing half-created container");
      await this.runtime({ runtimeBinary: this.runtimeBinary }, ["delete", "--force", id]);
      await this.cgroups.remove(`${this.cgroupParent}/${id}`).catch((err) => {
        this.log.warn({ containerId: id, err: errorMessage(err) }, "cgroup cleanup failed");
      });
      await removeRootfs(dir);
    }
    return states;
  }

  /** Paths of a container's files, for callers that read the log or bundle directly. */
  paths(id: string): { dir: string; bundle: string; rootfs: string; exitFile: string; control: string } {
    const dir = this.dir(id);
    return {
      dir,
      bundle: dir,
      rootfs: rootfsLayout(dir).merged,
      exitFile: join(dir, "exit.json"),
      control: join(dir, "ctl"),
    };
  }
}
