import type { runtime } from "../../cri-api/runtime/v1/api.js";
import type { AuthConfig, ImageManager } from "../image/index.js";
import { imageRef } from "./image-common.js";
import type { CallContext } from "./instrument.js";

function authOf(a: runtime.v1.IAuthConfig | null | undefined): AuthConfig | undefined {
  if (!a) return undefined;
  const auth: AuthConfig = {};
  if (a.username) auth.username = a.username;
  if (a.password) auth.password = a.password;
  if (a.auth) auth.auth = a.auth;
  if (a.serverAddress) auth.serverAddress = a.serverAddress;
  if (a.identityToken) auth.identityToken = a.identityToken;
  if (a.registryToken) auth.registryToken = a.registryToken;
  return Object.keys(auth).length ? auth : undefined;
}

/** PullImage: answers the image ID (config digest), which kubelet stores as the image ref. */
export function pullImage(images: ImageManager) {
  return async (
    req: runtime.v1.IPullImageRequest,
    ctx: CallContext,
  ): Promise<runtime.v1.IPullImageResponse> => {
    const ref = imageRef(req.image);
    const img = await images.pull(ref, { auth: authOf(req.auth), signal: ctx.signal });
    return { imageRef: img.id };
  };
}
