// JSON merge patch (RFC 7386) and JSON patch (RFC 6902), as the API server applies them.

type Json = unknown;

export class PatchError extends Error {}

export function mergePatch(target: Json, patch: Json): Json {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return structuredClone(patch);
  const out: Record<string, Json> =
    target !== null && typeof target === "object" && !Array.isArray(target)
      ? { ...(target as Record<string, Json>) }
      : {};
  for (const [k, v] of Object.entries(patch as Record<string, Json>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

interface Op {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

export function jsonPatch(target: Json, ops: unknown): Json {
  if (!Array.isArray(ops)) throw new PatchError("json patch must be an array of operations");
  let doc = structuredClone(target);
  for (const raw of ops as Op[]) {
    switch (raw.op) {
      case "add":
        doc = setAt(doc, raw.path, structuredClone(raw.value), "add");
        break;
      case "replace":
        getAt(doc, raw.path);
        doc = setAt(doc, raw.path, structuredClone(raw.value), "replace");
        break;
      case "remove":
        doc = removeAt(doc, raw.path);
        break;
      case "move": {
        const v = getAt(doc, raw.from ?? "");
        doc = removeAt(doc, raw.from ?? "");
        doc = setAt(doc, raw.path, v, "add");
        break;
      }
      case "copy":
        doc = setAt(doc, raw.path, structuredClone(getAt(doc, raw.from ?? "")), "add");
        break;
      case "test":
        if (JSON.stringify(getAt(doc, raw.path)) !== JSON.stringify(raw.value)) {
          throw new PatchError(`test operation failed at "${raw.path}"`);
        }
        break;
      default:
        throw new PatchError(`unknown json patch operation "${raw.op}"`);
    }
  }
  return doc;
}

function pointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) throw new PatchError(`invalid json pointer "${path}"`);
  return path
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function getAt(doc: Json, path: string): Json {
  let cur = doc;
  for (const seg of pointer(path)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (cur && typeof cur === "object") cur = (cur as Record<string, Json>)[seg];
    else cur = undefined;
    if (cur === undefined) throw new PatchError(`path "${path}" does not exist`);
  }
  return cur;
}

function parentOf(doc: Json, path: string): { parent: Json; key: string } {
  const segs = pointer(path);
  const key = segs.pop();
  if (key === undefined) throw new PatchError("cannot address the document root");
  const parent = getAt(doc, segs.map((s) => `/${s.replace(/~/g, "~0").replace(/\//g, "~1")}`).join(""));
  return { parent, key };
}

function setAt(doc: Json, path: string, value: Json, mode: "add" | "replace"): Json {
  if (path === "") return value;
  const { parent, key } = parentOf(doc, path);
  if (Array.isArray(parent)) {
    const i = key === "-" ? parent.length : Number(key);
    if (!Number.isInteger(i) || i < 0 || i > parent.length)
      throw new PatchError(`bad array index in "${path}"`);
    if (mode === "add") parent.splice(i, 0, value);
    else parent[i] = value;
  } else if (parent && typeof parent === "object") {
    (parent as Record<string, Json>)[key] = value;
  } else {
    throw new PatchError(`parent of "${path}" is not a container`);
  }
  return doc;
}

function removeAt(doc: Json, path: string): Json {
  const { parent, key } = parentOf(doc, path);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!(i >= 0 && i < parent.length)) throw new PatchError(`path "${path}" does not exist`);
    parent.splice(i, 1);
  } else if (parent && typeof parent === "object" && key in parent) {
    delete (parent as Record<string, Json>)[key];
  } else {
    throw new PatchError(`path "${path}" does not exist`);
  }
  return doc;
}
