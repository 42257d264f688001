// The public surface of the low-level runtime, for src/cri and berthd. Everything else in
// src/runtime is an implementation detail.
export { type CgroupMode, type CgroupStats, Cgroups, detectCgroupMode } from "./cgroups.js";
export {
  type ContainerState,
  type ContainerStatus,
  type CreateOptions,
  type ExecHandle,
  type ExecOptions,
  type ExitInfo,
  RuntimeDriver,
  type RuntimeDriverOptions,
} from "./driver.js";
export type { AttachStreams } from "./monitor-client.js";
export type { OciSpec } from "./oci.js";
export { mountRootfs, type RootfsLayout, removeRootfs, rootfsLayout, unmountRootfs } from "./rootfs.js";
export {
  ALL_CAPABILITIES,
  type ContainerSpec,
  DEFAULT_CAPABILITIES,
  type DeviceSpec,
  generateOciSpec,
  type MountSpec,
  type NamespaceSpec,
  ociResources,
  type ResourceSpec,
  type SeccompSpec,
  writeBundle,
} from "./spec.js";
