import type { runtime } from "../../cri-api/runtime/v1/api.js";
import type { ImageRecord } from "../image/index.js";
import { requireString } from "./convert.js";
import { requireMaxLength } from "./validate.js";

/** A repository (255), a tag (128) and a sha512 digest, with room to spare. */
const MAX_IMAGE_REF = 1024;

/** The image reference of an ImageSpec, validated. */
export function imageRef(spec: runtime.v1.IImageSpec | null | undefined, field = "image.image"): string {
  return requireString(requireMaxLength(spec?.image, field, MAX_IMAGE_REF), field);
}

/** uid or username from the image's configured user, as kubelet's runAsNonRoot check reads them. */
export function imageUser(user: string): { uid?: number; username?: string } {
  if (user === "") return {};
  const name = user.split(":")[0] ?? "";
  if (/^\d+$/.test(name)) return { uid: Number(name) };
  return { username: name };
}

/** An image record in CRI shape. */
export function toCriImage(img: ImageRecord): runtime.v1.IImage {
  const { uid, username } = imageUser(img.config.user);
  return {
    id: img.id,
    repoTags: img.repoTags,
    repoDigests: img.repoDigests,
    size: img.size,
    uid: uid === undefined ? null : { value: uid },
    username: username ?? "",
    spec: { image: img.id, annotations: {} },
    pinned: img.pinned,
  };
}
