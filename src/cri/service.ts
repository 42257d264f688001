// Assembles berthd's CRI handlers from its parts, one file per call beside this one.
import { access, constants } from "node:fs/promises";
import { join } from "node:path";
import {
  type ImageMethod,
  type ImageRequest,
  type ImageResponse,
  ImageServiceDefinition,
  type RuntimeMethod,
  type RuntimeRequest,
  type RuntimeResponse,
  RuntimeServiceDefinition,
} from "../../cri-api/runtime/v1/services.js";
import type { Config } from "../config.js";
import { ImageManager } from "../image/index.js";
import type { Logger } from "../log.js";
import { NetworkManager } from "../network/index.js";
import { RuntimeDriver } from "../runtime/driver.js";
import { usernsSupport } from "../runtime/userns-probe.js";
import { HELPER_BINARY } from "../version.js";
import { attach } from "./container-attach.js";
import { createContainer } from "./container-create.js";
import { containerEvents } from "./container-events.js";
import { exec } from "./container-exec.js";
import { execSync } from "./container-exec-sync.js";
import { listContainers } from "./container-list.js";
import { reopenContainerLog } from "./container-log-reopen.js";
import { removeContainer } from "./container-remove.js";
import { startContainer } from "./container-start.js";
import { containerStats, listContainerStats } from "./container-stats.js";
import { containerStatus } from "./container-status.js";
import { stopContainer } from "./container-stop.js";
import { updateContainerResources } from "./container-update.js";
import type { CriDeps } from "./deps.js";
import { imageFsInfo } from "./image-fs-info.js";
import { listImages } from "./image-list.js";
import { pullImage } from "./image-pull.js";
import { removeImage } from "./image-remove.js";
import { imageStatus } from "./image-status.js";
import type { StreamImpl, UnaryImpl } from "./instrument.js";
import { recover, startExitWatcher } from "./recovery.js";
import { runtimeConfig } from "./runtime-config.js";
import type { RuntimeDeps } from "./runtime-deps.js";
import { status } from "./runtime-status.js";
import { updateRuntimeConfig } from "./runtime-update-config.js";
import { version } from "./runtime-version.js";
import { listPodSandbox } from "./sandbox-list.js";
import { portForward } from "./sandbox-port-forward.js";
import { removePodSandbox } from "./sandbox-remove.js";
import { runPodSandbox } from "./sandbox-run.js";
import { listPodSandboxStats, podSandboxStats } from "./sandbox-stats.js";
import { podSandboxStatus } from "./sandbox-status.js";
import { stopPodSandbox } from "./sandbox-stop.js";
import type { AnyStream, AnyUnary, CriHandlers } from "./server.js";
import { CriState } from "./state.js";
import { StreamingServer } from "./streaming/server.js";
import { streamHandler } from "./streaming/sessions.js";

export type RuntimeUnary = { [M in RuntimeMethod]?: UnaryImpl<RuntimeRequest<M>, RuntimeResponse<M>> };
export type ImageUnary = { [M in ImageMethod]?: UnaryImpl<ImageRequest<M>, ImageResponse<M>> };

async function helperStatus(binary: string) {
  try {
    await access(binary, constants.X_OK);
    return { ready: true };
  } catch {
    return {
      ready: false,
      reason: "RuntimeHelperMissing",
      message: `OCI runtime ${binary} is not installed (run make build)`,
    };
  }
}

/** The image store berthd serves (also to its admin socket). */
export function openImages(config: Config, log: Logger): Promise<ImageManager> {
  return ImageManager.open({
    root: join(config.root, "image"),
    registry: config.registry,
    log: log.child({ component: "image" }),
  });
}

export async function createCriHandlers(opts: {
  config: Config;
  log: Logger;
  images?: ImageManager;
}): Promise<CriHandlers> {
  const { config, log } = opts;
  const images = opts.images ?? (await openImages(config, log));
  const network = new NetworkManager({
    confDir: config.cni.confDir,
    binDirs: config.cni.binDirs,
    stateDir: config.state,
    dataDir: join(config.root, "network"),
    defaultSubnet: config.cni.defaultSubnet,
    log: log.child({ component: "network" }),
  });
  const driver = new RuntimeDriver({
    stateRoot: join(config.root, "rt"),
    helperBinary: HELPER_BINARY,
    ...(config.runtime.binary ? { runtimeBinary: config.runtime.binary } : {}),
    cgroupParent: `/${config.cgroup.parent}`,
    log: log.child({ component: "runtime" }),
  });
  const state = await CriState.open(join(config.root, "cri"), log);
  const rdeps: RuntimeDeps = { config, log, state, images, network, driver };
  await recover(rdeps, log.child({ component: "recovery" }));
  const stopWatcher = startExitWatcher(rdeps, log);
  const streaming = new StreamingServer({
    address: config.streaming.address,
    tokenTTLMs: config.streaming.tokenTTL,
    streamCreationTimeoutMs: config.streaming.streamCreationTimeout,
    log: log.child({ component: "streaming" }),
    handler: streamHandler(rdeps),
  });
  await streaming.listen();

  const deps: CriDeps = {
    config,
    log,
    runtimeStatus: () => helperStatus(driver.runtimeBinary),
    networkStatus: () => network.status(),
    userNamespaces: async () => (await usernsSupport(driver, config.root)).ok,
  };
  const runtimeUnary: RuntimeUnary = {
    Version: version,
    Status: status(deps),
    RuntimeConfig: runtimeConfig(deps),
    UpdateRuntimeConfig: updateRuntimeConfig(rdeps),
    RunPodSandbox: runPodSandbox(rdeps),
    StopPodSandbox: stopPodSandbox(rdeps),
    RemovePodSandbox: removePodSandbox(rdeps),
    PodSandboxStatus: podSandboxStatus(rdeps),
    ListPodSandbox: listPodSandbox(rdeps),
    CreateContainer: createContainer(rdeps),
    StartContainer: startContainer(rdeps),
    StopContainer: stopContainer(rdeps),
    RemoveContainer: removeContainer(rdeps),
    ContainerStatus: containerStatus(rdeps),
    ListContainers: listContainers(rdeps),
    UpdateContainerResources: updateContainerResources(rdeps),
    ReopenContainerLog: reopenContainerLog(rdeps),
    ExecSync: execSync(rdeps),
    Exec: exec(rdeps, streaming),
    Attach: attach(rdeps, streaming),
    PortForward: portForward(rdeps, streaming),
    ContainerStats: containerStats(rdeps),
    ListContainerStats: listContainerStats(rdeps),
    PodSandboxStats: podSandboxStats(rdeps),
    ListPodSandboxStats: listPodSandboxStats(rdeps),
    ListMetricDescriptors: async () => ({ descriptors: [] }),
    ListPodSandboxMetrics: async () => ({ podMetrics: [] }),
  };
  const runtimeStreams: Record<string, AnyStream> = {
    GetContainerEvents: containerEvents(rdeps) as AnyStream,
  };
  const imageUnary: ImageUnary = {
    PullImage: pullImage(images),
    ImageStatus: imageStatus(images),
    ListImages: listImages(images),
    RemoveImage: removeImage(images),
    ImageFsInfo: imageFsInfo(images),
  };
  return {
    services: [
      {
        name: "runtime.v1.RuntimeService",
        definition: RuntimeServiceDefinition,
        unary: runtimeUnary as Record<string, AnyUnary>,
        streams: runtimeStreams,
      },
      {
        name: "runtime.v1.ImageService",
        definition: ImageServiceDefinition,
        unary: imageUnary as Record<string, AnyUnary>,
        streams: {},
      },
    ],
    close: async () => {
      stopWatcher();
      await streaming.close();
    },
  };
}

export type { StreamImpl };
