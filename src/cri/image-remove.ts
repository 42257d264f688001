import type { runtime } from "../../cri-api/runtime/v1/api.js";
import type { ImageManager } from "../image/index.js";
import { imageRef } from "./image-common.js";

/** RemoveImage: by tag, digest or ID; every tag goes; an absent image is success. */
export function removeImage(images: ImageManager) {
  return async (req: runtime.v1.IRemoveImageRequest): Promise<runtime.v1.IRemoveImageResponse> => {
    await images.remove(imageRef(req.image));
    return {};
  };
}
