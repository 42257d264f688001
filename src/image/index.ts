// The image service's public surface.
export {
  type CliIO,
  type ImageBackend,
  type ImageCliOptions,
  type ImageSummary,
  imageRoot,
  runImageCli,
} from "./cli.js";
export type { ImageManagerOptions, PullOptions } from "./manager.js";
export { ImageManager } from "./manager.js";
export type { Platform } from "./oci.js";
export { hostPlatform } from "./oci.js";
export type { ParsedReference } from "./reference.js";
export { familiarName, normalizeReference } from "./reference.js";
export type { AuthConfig } from "./registry/auth.js";
export type { ImageConfig, ImageRecord, ImportProgress, LayerProgress, PullProgress } from "./types.js";
