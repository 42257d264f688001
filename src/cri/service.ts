// Assembles the CRI handlers from the parts that exist, one file per call beside this one.
import { access, constants } from "node:fs/promises";
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
import type { Logger } from "../log.js";
import type { CriDeps } from "./deps.js";
import type { UnaryImpl } from "./instrument.js";
import { runtimeConfig } from "./runtime-config.js";
import { status } from "./runtime-status.js";
import { version } from "./runtime-version.js";
import type { AnyUnary, CriHandlers } from "./server.js";

export type RuntimeUnary = { [M in RuntimeMethod]?: UnaryImpl<RuntimeRequest<M>, RuntimeResponse<M>> };
export type ImageUnary = { [M in ImageMethod]?: UnaryImpl<ImageRequest<M>, ImageResponse<M>> };

export async function createCriHandlers(opts: { config: Config; log: Logger }): Promise<CriHandlers> {
  const deps: CriDeps = {
    config: opts.config,
    log: opts.log,
    runtimeStatus: async () => ({
      ready: false,
      reason: "ContainerLifecycleNotImplemented",
      message: "berth does not run containers yet",
    }),
    networkStatus: async () => {
      try {
        await access(opts.config.cni.confDir, constants.R_OK);
      } catch {
        // The embedded default network serves when no config exists (once networking lands).
      }
      return {
        ready: false,
        reason: "NetworkPluginNotReady",
        message: "pod networking is not implemented yet",
      };
    },
  };
  const runtimeUnary: RuntimeUnary = {
    Version: version,
    Status: status(deps),
    RuntimeConfig: runtimeConfig(deps),
  };
  const imageUnary: ImageUnary = {};
  return {
    services: [
      {
        name: "runtime.v1.RuntimeService",
        definition: RuntimeServiceDefinition,
        unary: runtimeUnary as Record<string, AnyUnary>,
        streams: {},
      },
      {
        name: "runtime.v1.ImageService",
        definition: ImageServiceDefinition,
        unary: imageUnary as Record<string, AnyUnary>,
        streams: {},
      },
    ],
    close: async () => {},
  };
}
