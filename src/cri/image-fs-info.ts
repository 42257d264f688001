import type { runtime } from "../../cri-api/runtime/v1/api.js";
import type { ImageManager } from "../image/index.js";
import { nsToLong } from "./convert.js";

/** ImageFsInfo: what the image store uses, for kubelet's image garbage collection. */
export function imageFsInfo(images: ImageManager) {
  return async (): Promise<runtime.v1.IImageFsInfoResponse> => {
    const fs = await images.fsInfo();
    const usage: runtime.v1.IFilesystemUsage = {
      timestamp: nsToLong(fs.timestamp),
      fsId: { mountpoint: fs.mountpoint },
      usedBytes: { value: fs.usedBytes },
      inodesUsed: { value: fs.inodesUsed },
    };
    return { imageFilesystems: [usage], containerFilesystems: [] };
  };
}
