import type { runtime } from "../../cri-api/runtime/v1/api.js";
import type { ImageManager } from "../image/index.js";
import { toCriImage } from "./image-common.js";

export function listImages(images: ImageManager) {
  return async (req: runtime.v1.IListImagesRequest): Promise<runtime.v1.IListImagesResponse> => {
    const ref = req.filter?.image?.image;
    return { images: images.list(ref ? { ref } : undefined).map(toCriImage) };
  };
}
