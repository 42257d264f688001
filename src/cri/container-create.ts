import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { lstat, mkdir, realpath } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { runtime } from "../../cri-api/runtime/v1/api.js";
import { errnoCode, FailedPreconditionError, InvalidArgumentError, NotFoundError } from "../errors.js";
import { failpoint } from "../failpoint.js";
import { isWithin } from "../fsutil.js";
import { buildContainerSpec } from "./container-spec.js";
import { nowNs } from "./convert.js";
import { imageRef } from "./image-common.js";
import type { CallContext } from "./instrument.js";
import { checkListBudget } from "./list-budget.js";
import type { ContainerRecord, PodRecord } from "./model.js";
import { Rollback } from "./rollback.js";
import { podCgroupParent, type RuntimeDeps } from "./runtime-deps.js";
import { containerNameKey } from "./state.js";
import {
  checkAnnotations,
  checkLabels,
  requireId,
  requireName,
  requireRelativePath,
  shown,
} from "./validate.js";

const APPARMOR = existsSync("/sys/kernel/security/apparmor");

// What a path the caller chose can run into on the way: its mistake, not berthd's.
const CALLER_PATH_ERRORS = new Set(["ENOTDIR", "EEXIST", "ELOOP", "ENAMETOOLONG", "EACCES", "EROFS"]);

/**
 * The container's log file under the pod's log directory, refusing escapes through symlinks: the
 * parent is resolved and must stay inside, and the last component must not be a symlink (or
 * anything but a regular file). The monitor opens it again beneath `root` with no symlink allowed,
 * which also covers a link planted after this check.
 */
async function resolveLogPath(
  pod: PodRecord,
  logPath: string | null | undefined,
): Promise<{ path: string; root: string } | undefined> {
  if (!logPath) return undefined;
  if (!pod.logDirectory)
    throw new InvalidArgumentError("config.log_path needs the pod sandbox's log_directory");
  const rel = requireRelativePath(logPath, "config.log_path");
  const full = join(pod.logDirectory, rel);
  let base: string;
  let parent: string;
  try {
    await mkdir(dirname(full), { recursive: true, mode: 0o755 });
    [base, parent] = await Promise.all([realpath(pod.logDirectory), realpath(dirname(full))]);
  } catch (err) {
    const code = errnoCode(err);
    if (code && CALLER_PATH_ERRORS.has(code))
      throw new InvalidArgumentError(
        `config.log_path: the folder of "${rel}" under the pod's log_directory cannot be made (${code})`,
      );
    throw err;
  }
  if (!isWithin(base, parent))
    throw new InvalidArgumentError(`config.log_path "${rel}" escapes the pod's log directory`);
  const path = join(parent, basename(rel));
  const st = await lstat(path).catch(() => undefined);
  if (st && !st.isFile())
    throw new InvalidArgumentError(
      `config.log_path "${rel}" is ${st.isSymbolicLink() ? "a symlink" : "not a regular file"}`,
    );
  return { path, root: base };
}

/** /proc/<pid>/ns/pid of the running container of `pod` that a TARGET pid mode names. */
async function targetPidNs(
  deps: RuntimeDeps,
  pod: PodRecord,
  cfg: runtime.v1.IContainerConfig,
): Promise<string | undefined> {
  const ns = cfg.linux?.securityContext?.namespaceOptions;
  if (ns?.pid !== runtime.v1.NamespaceMode.TARGET) return undefined;
  const field = "config.linux.security_context.namespace_options.target_id";
  const targetId = requireId(ns.targetId, field);
  const target = deps.state.findContainer(targetId);
  if (!target || target.podId !== pod.id)
    throw new NotFoundError(`${field}: container "${targetId}" is not in pod sandbox "${pod.id}"`);
  if (target.phase !== "running")
    throw new FailedPreconditionError(`${field}: container "${target.id}" is not running`);
  const { pid } = await deps.driver.state(target.id);
  if (!pid) throw new FailedPreconditionError(`${field}: container "${target.id}" has no process`);
  return `/proc/${pid}/ns/pid`;
}

/**
 * CreateContainer: resolves the image, merges its config with the CRI config and has the runtime
 * create the container (held before exec until StartContainer). A kubelet retry of a container that
 * a first call finished is handed that container.
 */
export function createContainer(deps: RuntimeDeps) {
  return async (
    req: runtime.v1.ICreateContainerRequest,
    ctx: CallContext,
  ): Promise<runtime.v1.ICreateContainerResponse> => {
    const { state, images, driver } = deps;
    const podId = requireId(req.podSandboxId, "pod_sandbox_id");
    const cfg = req.config;
    if (!cfg) throw new InvalidArgumentError("config must be set");
    const name = requireName(cfg.metadata?.name, "config.metadata.name");
    const labels = checkLabels(cfg.labels, "config.labels");
    const annotations = checkAnnotations(cfg.annotations, "config.annotations");
    const attempt = cfg.metadata?.attempt ?? 0;
    const ref = imageRef(cfg.image, "config.image.image");
    let pod = state.requirePod(podId);
    const key = containerNameKey({ podId: pod.id, name, attempt });
    const done = state.containers.list().find((c) => c.phase !== "creating" && containerNameKey(c) === key);
    if (done) {
      ctx.log.info(
        { containerId: done.id, name: key },
        "CreateContainer retry answered with the container already made",
      );
      return { containerId: done.id };
    }
    if (pod.phase !== "ready") throw new FailedPreconditionError(`pod sandbox "${pod.id}" is not ready`);
    checkListBudget(
      [...state.pods.list(), ...state.containers.list()],
      { labels, annotations },
      "CreateContainer",
    );
    if (!images.get(ref)) throw new NotFoundError(`image "${ref}" not found; pull it first`);
    const id = randomBytes(32).toString("hex");
    const release = state.reserve(key, id, "container");
    try {
      // Under the pod's lock too, as StopPodSandbox and RemovePodSandbox run: a create beside them
      // had its runtime make the pod's cgroup again after the removal took it away (a leak seen in
      // make soak SOAK=hostile), or join namespaces being torn down.
      return await state.locks.run(pod.id, async () => {
        const now = state.findPod(pod.id);
        if (now?.phase !== "ready") throw new FailedPreconditionError(`pod sandbox "${pod.id}" is not ready`);
        pod = now;
        // Again after the wait, which a prune may have used: the image's layers are leased from here
        // on (layerDirs below, with no wait between).
        const image = images.get(ref);
        if (!image) throw new NotFoundError(`image "${ref}" not found; pull it first`);
        return state.locks.run(id, () =>
          new Rollback(ctx.log).run(async (rb) => {
            const layers = images.layerDirs(image);
            const cgroupParent = podCgroupParent(deps.config, pod);
            const built = await buildContainerSpec({
              id,
              cfg,
              pod,
              image,
              layers,
              cgroupsPath: `${cgroupParent}/${id}`,
              apparmorAvailable: APPARMOR,
              targetPidNs: await targetPidNs(deps, pod, cfg),
            });
            for (const m of built.mounts) {
              if (m.selinuxRelabel)
                ctx.log.info(
                  { containerId: id, hostPath: m.hostPath },
                  "selinux_relabel ignored: SELinux is not used by berth",
                );
              // Like Docker and containerd: a missing host path becomes an empty folder.
              if (!existsSync(m.hostPath))
                await mkdir(m.hostPath, { recursive: true }).catch((err: unknown) => {
                  const code = errnoCode(err);
                  if (code && CALLER_PATH_ERRORS.has(code))
                    throw new InvalidArgumentError(
                      `config.mounts: host_path ${shown(m.hostPath)} cannot be made (${code})`,
                    );
                  throw err;
                });
            }
            const log = await resolveLogPath(pod, cfg.logPath);
            const rec: ContainerRecord = {
              id,
              podId: pod.id,
              phase: "creating",
              name,
              attempt,
              image: ref,
              imageId: image.id,
              imageRef: image.repoDigests[0] ?? image.id,
              createdAt: String(nowNs()),
              labels,
              annotations,
              logPath: log?.path ?? "",
              mounts: built.mounts,
              tty: cfg.tty ?? false,
              stdin: cfg.stdin ?? false,
              stdinOnce: cfg.stdinOnce ?? false,
              stopSignal: image.config.stopSignal || "SIGTERM",
              cgroupsPath: built.spec.cgroupsPath as string,
              resources: built.resources,
              user: built.user,
            };
            // Not fsynced: recovery removes a "creating" container with all it made, and the call
            // answers only once the "created" record below is durable.
            await rb.step(
              "record",
              () => state.containers.put(rec, { durable: false }),
              () => state.containers.delete(id),
            );
            failpoint("container-create:record");
            // Independent, so at once: recovery finds a hold and a runtime container by the record
            // above, whichever of them a crash left.
            await rb.all([
              rb.step(
                "image hold",
                async () => {
                  await images.hold(id, image);
                  failpoint("container-create:image-hold");
                },
                () => images.release(id),
              ),
              rb.step(
                "runtime create",
                () =>
                  driver.create({
                    spec: built.spec,
                    layers,
                    ...(log ? { logPath: log.path, logRoot: log.root } : {}),
                    stdin: rec.stdin,
                    stdinOnce: rec.stdinOnce,
                  }),
                () => driver.delete(id, { force: true }),
              ),
            ]);
            rec.phase = "created";
            await state.containers.put(rec);
            failpoint("container-create:created");
            state.emit(rec, "CREATED", BigInt(rec.createdAt));
            return { containerId: id };
          }),
        );
      });
    } finally {
      release();
    }
  };
}
