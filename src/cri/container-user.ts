// Resolves a container's user the way Docker and containerd do: a name or number from the CRI
// config or the image, looked up in the image's own /etc/passwd and /etc/group.
import { lstat, readFile } from "node:fs/promises";
import { join } from "node:path";
import { errnoCode, InvalidArgumentError } from "../errors.js";

/** Reads a file of the image: the topmost layer that has it wins; a whiteout hides it. */
export async function readImageFile(layers: readonly string[], path: string): Promise<string | undefined> {
  for (const layer of layers) {
    const p = join(layer, path);
    try {
      const st = await lstat(p);
      if (st.isCharacterDevice() && st.rdev === 0) return undefined; // overlay whiteout
      if (!st.isFile()) return undefined;
      return await readFile(p, "utf8");
    } catch (err) {
      if (errnoCode(err) !== "ENOENT" && errnoCode(err) !== "ENOTDIR") throw err;
    }
  }
  return undefined;
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
}
interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

function parsePasswd(text: string): PasswdEntry[] {
  return text
    .split("\n")
    .map((l) => l.split(":"))
    .filter((f) => f.length >= 4 && /^\d+$/.test(f[2] ?? "") && /^\d+$/.test(f[3] ?? ""))
    .map((f) => ({ name: f[0] as string, uid: Number(f[2]), gid: Number(f[3]) }));
}

function parseGroup(text: string): GroupEntry[] {
  return text
    .split("\n")
    .map((l) => l.split(":"))
    .filter((f) => f.length >= 3 && /^\d+$/.test(f[2] ?? ""))
    .map((f) => ({
      name: f[0] as string,
      gid: Number(f[2]),
      members: (f[3] ?? "").split(",").filter(Boolean),
    }));
}

export interface UserRequest {
  /** CRI run_as_user, when set. */
  uid?: number;
  /** CRI run_as_username, when set. */
  username?: string;
  /** CRI run_as_group, when set. */
  gid?: number;
  supplementalGroups: number[];
  /** Strict: only the given groups; Merge: plus the user's groups from the image's /etc/group. */
  policy: "Merge" | "Strict";
  /** The image's configured user ("name", "uid", "uid:gid", "name:group"). */
  imageUser: string;
}

export interface ResolvedUser {
  uid: number;
  gid: number;
  groups: number[];
}

/** Resolves uid, gid and groups; a name the image does not know is INVALID_ARGUMENT. */
export async function resolveUser(layers: readonly string[], req: UserRequest): Promise<ResolvedUser> {
  const passwd = parsePasswd((await readImageFile(layers, "etc/passwd")) ?? "");
  const groups = parseGroup((await readImageFile(layers, "etc/group")) ?? "");
  let user = "";
  let group = "";
  if (req.uid !== undefined) user = String(req.uid);
  else if (req.username) user = req.username;
  else {
    [user = "", group = ""] = req.imageUser.split(":");
  }
  let uid = 0;
  let gid = 0;
  let name: string | undefined;
  if (user === "") {
    name = passwd.find((p) => p.uid === 0)?.name;
  } else if (/^\d+$/.test(user)) {
    uid = Number(user);
    const p = passwd.find((e) => e.uid === uid);
    if (p) {
      gid = p.gid;
      name = p.name;
    }
  } else {
    const p = passwd.find((e) => e.name === user);
    if (!p) throw new InvalidArgumentError(`user "${user}" is not in the image's /etc/passwd`);
    uid = p.uid;
    gid = p.gid;
    name = p.name;
  }
  if (group !== "") {
    if (/^\d+$/.test(group)) gid = Number(group);
    else {
      const g = groups.find((e) => e.name === group);
      if (!g) throw new InvalidArgumentError(`group "${group}" is not in the image's /etc/group`);
      gid = g.gid;
    }
  }
  if (req.gid !== undefined) gid = req.gid;
  const extra = new Set<number>();
  if (req.policy === "Merge" && name) for (const g of groups) if (g.members.includes(name)) extra.add(g.gid);
  for (const g of req.supplementalGroups) extra.add(g);
  extra.delete(gid);
  return { uid, gid, groups: [gid, ...[...extra].sort((a, b) => a - b)] };
}
