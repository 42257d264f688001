import type { runtime } from "../../cri-api/runtime/v1/api.js";
import type { ImageManager } from "../image/index.js";
import { imageRef, toCriImage } from "./image-common.js";

/** ImageStatus: an absent image is not an error, it answers `image: null`. */
export function imageStatus(images: ImageManager) {
  return async (req: runtime.v1.IImageStatusRequest): Promise<runtime.v1.IImageStatusResponse> => {
    const img = images.get(imageRef(req.image));
    if (!img) return { image: null, info: {} };
    const info: Record<string, string> = {};
    if (req.verbose) {
      info.info = JSON.stringify({
        chainIds: img.chainIds,
        manifestDigest: img.manifestDigest,
        platform: img.platform,
        config: img.config,
        createdAt: new Date(img.createdAt).toISOString(),
        blobs: img.blobs,
        // What `berth image inspect` shows through berthd; absent when a snapshot is missing.
        layerDirs: (() => {
          try {
            return images.layerDirs(img, { lease: false });
          } catch {
            return undefined;
          }
        })(),
      });
    }
    return { image: toCriImage(img), info };
  };
}
