import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import * as grpc from "@grpc/grpc-js";
import Long from "long";
import protobuf from "protobufjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runtime } from "../../cri-api/runtime/v1/api.js";
import {
  ImageServiceDefinition,
  imageMethods,
  type RuntimeRequest,
  type RuntimeResponse,
  RuntimeServiceDefinition,
  type RuntimeServiceHandlers,
  runtimeMethods,
} from "../../cri-api/runtime/v1/services.js";

const v1 = runtime.v1;
const repoRoot = join(import.meta.dirname, "..", "..");
const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;

interface WireField {
  field: number;
  wire: number;
  // varint value, or the payload of a length-delimited field
  value: bigint | Uint8Array;
}

function readVarint(buf: Uint8Array, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const byte = buf[pos++];
    if (byte === undefined) throw new Error("truncated varint");
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
}

// A minimal, independent protobuf wire reader: top-level fields only, in encoding order.
function wireFields(buf: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, afterTag] = readVarint(buf, pos);
    const field = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    if (wire === WIRE_VARINT) {
      const [value, next] = readVarint(buf, afterTag);
      fields.push({ field, wire, value });
      pos = next;
    } else if (wire === WIRE_LEN) {
      const [len, start] = readVarint(buf, afterTag);
      const end = start + Number(len);
      fields.push({ field, wire, value: buf.subarray(start, end) });
      pos = end;
    } else if (wire === WIRE_I64) {
      fields.push({ field, wire, value: buf.subarray(afterTag, afterTag + 8) });
      pos = afterTag + 8;
    } else {
      throw new Error(`unexpected wire type ${wire}`);
    }
  }
  return fields;
}

const tags = (buf: Uint8Array): [number, number][] => wireFields(buf).map((f) => [f.field, f.wire]);

const execFileAsync = promisify(execFile);

describe("generated CRI code", () => {
  it("matches what scripts/gen-cri.mjs generates from api.proto (regenerate with npm run gen)", async () => {
    const out = await mkdtemp(join(tmpdir(), "berth-cri-gen-"));
    try {
      await execFileAsync(process.execPath, [join(repoRoot, "scripts/gen-cri.mjs"), "--out", out], {
        cwd: repoRoot,
      });
      for (const file of ["api.js", "api.d.ts", "services.ts"]) {
        const committed = await readFile(join(repoRoot, "cri-api/runtime/v1", file), "utf8");
        const fresh = await readFile(join(out, file), "utf8");
        expect(fresh === committed, `cri-api/runtime/v1/${file} is stale: run npm run gen`).toBe(true);
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 120_000);
});

// Every wire-relevant fact of api.proto, one line each, sorted: field numbers, names, labels, packing,
// map key and value types; enum values; RPC types and streaming.
function contractLines(): string[] {
  const root = new protobuf.Root().loadSync(join(repoRoot, "cri-api/runtime/v1/api.proto"), {
    keepCase: true,
  });
  root.resolveAll();
  const lines: string[] = [];
  const walk = (ns: protobuf.NamespaceBase): void => {
    for (const obj of ns.nestedArray) {
      if (obj instanceof protobuf.Type) {
        for (const f of obj.fieldsArray) {
          const key = f instanceof protobuf.MapField ? f.keyType : "";
          const packed = f.repeated && f.packed && f.type in protobuf.types.packed ? "packed" : "";
          lines.push(
            `${obj.fullName} ${f.id} ${f.name} ${f.repeated ? "repeated" : ""} ${key} ${f.resolvedType?.fullName ?? f.type} ${packed}`,
          );
        }
      } else if (obj instanceof protobuf.Enum) {
        for (const [name, value] of Object.entries(obj.values))
          lines.push(`${obj.fullName} ${value} ${name}`);
      } else if (obj instanceof protobuf.Service) {
        for (const m of obj.methodsArray) {
          const req = m.resolvedRequestType?.fullName;
          const res = m.resolvedResponseType?.fullName;
          lines.push(
            `${obj.fullName} ${m.name} ${req} ${Boolean(m.requestStream)} ${res} ${Boolean(m.responseStream)}`,
          );
        }
      }
      if (obj instanceof protobuf.Namespace) walk(obj);
    }
  };
  walk(root);
  return lines.sort();
}

// api.proto was checked field by field against kubernetes/cri-api at
// kubernetes/kubernetes@0268656aec06 (staging/src/k8s.io/cri-api/pkg/apis/runtime/v1/api.proto).
// Change these two only after re-checking an edit of api.proto against upstream the same way.
const FINGERPRINT_LINES = 601;
const FINGERPRINT = "2fd78d5a75d884367c8c5a53608844dacbca9c38d517dd627632a40703ee745e";

describe("CRI contract", () => {
  it("api.proto has the wire shape verified against upstream", () => {
    const lines = contractLines();
    expect(lines).toHaveLength(FINGERPRINT_LINES);
    expect(createHash("sha256").update(lines.join("\n")).digest("hex")).toBe(FINGERPRINT);
  });
});

describe("CRI wire format", () => {
  it("encodes ContainerConfig fields under the upstream field numbers and wire types", () => {
    const bytes = v1.ContainerConfig.encode({
      metadata: { name: "web", attempt: 2 },
      image: { image: "busybox:latest" },
      command: ["/bin/sh"],
      args: ["-c", "sleep 1"],
      workingDir: "/tmp",
      envs: [{ key: "A", value: "1" }],
      labels: { app: "web" },
      logPath: "web/0.log",
      tty: true,
      linux: { resources: { cpuQuota: 50_000 } },
      CDIDevices: [{ name: "vendor.com/gpu=0" }],
      stopSignal: v1.Signal.SIGKILL,
    }).finish();
    expect(tags(bytes)).toEqual([
      [1, WIRE_LEN],
      [2, WIRE_LEN],
      [3, WIRE_LEN],
      [4, WIRE_LEN],
      [4, WIRE_LEN],
      [5, WIRE_LEN],
      [6, WIRE_LEN],
      [9, WIRE_LEN],
      [11, WIRE_LEN],
      [14, WIRE_VARINT],
      [15, WIRE_LEN],
      [17, WIRE_LEN],
      [18, WIRE_VARINT],
    ]);
    // Raw tag bytes: (field << 3) | wire type, varint-encoded; fields >= 16 take two bytes.
    expect(bytes[0]).toBe(0x0a);
    expect(Buffer.from(bytes).includes(Buffer.from([0x90, 0x01, 13]))).toBe(true); // stop_signal = SIGKILL
    expect(Buffer.from(bytes).includes(Buffer.from([0x70, 0x01]))).toBe(true); // tty = true
    const stop = wireFields(bytes).find((f) => f.field === 18);
    expect(stop?.value).toBe(13n);
    // Nested: metadata { name = 1, attempt = 2 }, map entry { key = 1, value = 2 }.
    const metadata = wireFields(bytes).find((f) => f.field === 1)?.value;
    expect(tags(metadata as Uint8Array)).toEqual([
      [1, WIRE_LEN],
      [2, WIRE_VARINT],
    ]);
    const label = wireFields(bytes).find((f) => f.field === 9)?.value;
    expect(tags(label as Uint8Array)).toEqual([
      [1, WIRE_LEN],
      [2, WIRE_LEN],
    ]);
    // linux { resources(1) { cpu_quota = 2 } }
    const linux = wireFields(bytes).find((f) => f.field === 15)?.value as Uint8Array;
    const resources = wireFields(linux).find((f) => f.field === 1)?.value as Uint8Array;
    expect(wireFields(resources)).toEqual([{ field: 2, wire: WIRE_VARINT, value: 50_000n }]);
  });

  it("encodes small requests byte for byte as a Go CRI client would", () => {
    // StopContainerRequest { container_id = 1; int64 timeout = 2 }
    expect(Buffer.from(v1.StopContainerRequest.encode({ containerId: "c", timeout: 30 }).finish())).toEqual(
      Buffer.from([0x0a, 0x01, 0x63, 0x10, 0x1e]),
    );
    // VersionRequest { version = 1 }
    expect(Buffer.from(v1.VersionRequest.encode({ version: "v1" }).finish())).toEqual(
      Buffer.from([0x0a, 0x02, 0x76, 0x31]),
    );
  });

  it("uses the out-of-order and high field numbers of security contexts and ImageSpec", () => {
    const containerSc = v1.LinuxContainerSecurityContext.encode({
      runAsUser: { value: 1000 },
      runAsGroup: { value: 1000 },
      noNewPrivs: true,
      maskedPaths: ["/proc/kcore"],
      readonlyPaths: ["/proc/sys"],
      seccomp: { profileType: v1.SecurityProfile.ProfileType.RuntimeDefault },
      supplementalGroupsPolicy: v1.SupplementalGroupsPolicy.Strict,
    }).finish();
    expect(tags(containerSc)).toEqual([
      [5, WIRE_LEN],
      [11, WIRE_VARINT],
      [12, WIRE_LEN],
      [13, WIRE_LEN],
      [14, WIRE_LEN],
      [15, WIRE_LEN],
      [17, WIRE_VARINT],
    ]);

    const sandboxSc = v1.LinuxSandboxSecurityContext.encode({
      runAsGroup: { value: 0 },
      seccompProfilePath: "unconfined",
      seccomp: { profileType: v1.SecurityProfile.ProfileType.Unconfined },
      apparmor: { profileType: v1.SecurityProfile.ProfileType.Localhost, localhostRef: "p" },
      supplementalGroupsPolicy: v1.SupplementalGroupsPolicy.Strict,
    }).finish();
    expect(tags(sandboxSc)).toEqual([
      [7, WIRE_LEN],
      [8, WIRE_LEN],
      [9, WIRE_LEN],
      [10, WIRE_LEN],
      [11, WIRE_VARINT],
    ]);

    const spec = v1.ImageSpec.encode({
      image: "sha256:abc",
      userSpecifiedImage: "busybox",
      runtimeHandler: "runc",
      imageRef: "sha256:abc",
    }).finish();
    expect(tags(spec)).toEqual([
      [1, WIRE_LEN],
      [18, WIRE_LEN],
      [19, WIRE_LEN],
      [20, WIRE_LEN],
    ]);
    expect(Array.from(spec.subarray(spec.length - 13, spec.length - 10))).toEqual([0xa2, 0x01, 10]); // tag 20
  });

  it("packs repeated int64 supplemental groups as proto3 requires", () => {
    const bytes = v1.LinuxContainerSecurityContext.encode({ supplementalGroups: [1, 2, 300] }).finish();
    expect(Array.from(bytes)).toEqual([0x42, 4, 1, 2, 0xac, 0x02]);
    const decoded = v1.LinuxContainerSecurityContext.decode(bytes);
    expect(decoded.supplementalGroups.map((g) => Long.fromValue(g).toNumber())).toEqual([1, 2, 300]);
  });

  it("encodes status messages kubelet reads with the upstream numbers", () => {
    const status = v1.ContainerStatus.encode({
      id: "c1",
      state: v1.ContainerState.CONTAINER_EXITED,
      exitCode: 137,
      reason: "OOMKilled",
      imageId: "sha256:abc",
      user: { linux: { uid: 1, gid: 2 } },
      stopSignal: v1.Signal.SIGTERM,
    }).finish();
    expect(tags(status)).toEqual([
      [1, WIRE_LEN],
      [3, WIRE_VARINT],
      [7, WIRE_VARINT],
      [10, WIRE_LEN],
      [17, WIRE_LEN],
      [18, WIRE_LEN],
      [19, WIRE_VARINT],
    ]);
    expect(wireFields(status).find((f) => f.field === 3)?.value).toBe(2n);

    const sandbox = v1.PodSandboxStatusResponse.encode({
      status: { id: "p", state: v1.PodSandboxState.SANDBOX_NOTREADY },
      info: { k: "v" },
      containersStatuses: [{ id: "c" }],
      timestamp: 5,
    }).finish();
    expect(tags(sandbox)).toEqual([
      [1, WIRE_LEN],
      [2, WIRE_LEN],
      [3, WIRE_LEN],
      [4, WIRE_VARINT],
    ]);

    const exec = v1.ExecRequest.encode({
      containerId: "c",
      cmd: ["ls"],
      stdout: true,
      auditRequestId: "a",
    }).finish();
    expect(tags(exec)).toEqual([
      [1, WIRE_LEN],
      [2, WIRE_LEN],
      [5, WIRE_VARINT],
      [7, WIRE_LEN],
    ]);
  });

  it("round-trips int64 and uint64 fields as Long with full precision", () => {
    const created = Long.fromString("1700000000123456789");
    const size = Long.fromString("18446744073709551615", true);
    const decoded = v1.ContainerStatus.decode(
      v1.ContainerStatus.encode({ id: "c", createdAt: created, startedAt: 42 }).finish(),
    );
    expect(Long.isLong(decoded.createdAt)).toBe(true);
    expect(decoded.createdAt.toString()).toBe("1700000000123456789");
    expect(Long.isLong(decoded.startedAt)).toBe(true);
    expect(Long.fromValue(decoded.startedAt).toNumber()).toBe(42);
    // Unset int64 fields read as a Long zero too, so handlers see one type.
    expect(Long.isLong(decoded.finishedAt)).toBe(true);

    const image = v1.Image.decode(v1.Image.encode({ id: "sha256:x", size }).finish());
    expect(Long.isLong(image.size)).toBe(true);
    expect(Long.fromValue(image.size).toString()).toBe("18446744073709551615");
    expect(Long.fromValue(image.size).unsigned).toBe(true);

    // Negative int64 (e.g. oom_score_adj) takes the 10-byte two's-complement varint.
    const res = v1.LinuxContainerResources.encode({ oomScoreAdj: -998 }).finish();
    expect(res.length).toBe(11);
    const back = v1.LinuxContainerResources.decode(res);
    expect(Long.fromValue(back.oomScoreAdj).toNumber()).toBe(-998);
  });
});

// RPCs a current kubelet (and crictl) call; a missing one makes kubelet fail with UNIMPLEMENTED.
const kubeletRuntimeRpcs = [
  "Version",
  "RunPodSandbox",
  "StopPodSandbox",
  "RemovePodSandbox",
  "PodSandboxStatus",
  "ListPodSandbox",
  "CreateContainer",
  "StartContainer",
  "StopContainer",
  "RemoveContainer",
  "ListContainers",
  "ContainerStatus",
  "UpdateContainerResources",
  "ReopenContainerLog",
  "ExecSync",
  "Exec",
  "Attach",
  "PortForward",
  "ContainerStats",
  "ListContainerStats",
  "PodSandboxStats",
  "ListPodSandboxStats",
  "UpdateRuntimeConfig",
  "Status",
  "CheckpointContainer",
  "GetContainerEvents",
  "ListMetricDescriptors",
  "ListPodSandboxMetrics",
  "RuntimeConfig",
  "UpdatePodSandboxResources",
];
const kubeletImageRpcs = ["ListImages", "ImageStatus", "PullImage", "RemoveImage", "ImageFsInfo"];
const serverStreaming = [
  "StreamPodSandboxes",
  "StreamContainers",
  "StreamContainerStats",
  "StreamPodSandboxStats",
  "GetContainerEvents",
  "StreamPodSandboxMetrics",
];

describe("CRI service definitions", () => {
  it("define every RuntimeService RPC kubelet calls under its gRPC path", () => {
    const defs: grpc.ServiceDefinition = RuntimeServiceDefinition;
    for (const name of kubeletRuntimeRpcs) {
      expect(defs[name]?.path, name).toBe(`/runtime.v1.RuntimeService/${name}`);
    }
    expect(runtimeMethods).toHaveLength(35);
    expect(Object.keys(RuntimeServiceDefinition)).toEqual([...runtimeMethods]);
  });

  it("define every ImageService RPC kubelet calls under its gRPC path", () => {
    const defs: grpc.ServiceDefinition = ImageServiceDefinition;
    for (const name of kubeletImageRpcs) {
      expect(defs[name]?.path, name).toBe(`/runtime.v1.ImageService/${name}`);
    }
    expect([...imageMethods].sort()).toEqual([...kubeletImageRpcs, "StreamImages"].sort());
  });

  it("mark GetContainerEvents and the Stream* RPCs as server streaming, everything else unary", () => {
    expect(RuntimeServiceDefinition.GetContainerEvents.responseStream).toBe(true);
    expect(RuntimeServiceDefinition.GetContainerEvents.requestStream).toBe(false);
    for (const name of runtimeMethods) {
      const def = RuntimeServiceDefinition[name];
      expect(def.requestStream, name).toBe(false);
      expect(def.responseStream, name).toBe(serverStreaming.includes(name));
    }
    expect(ImageServiceDefinition.StreamImages.responseStream).toBe(true);
    expect(ImageServiceDefinition.PullImage.responseStream).toBe(false);
  });

  it("serialize to Buffers and deserialize to message classes", () => {
    const def = RuntimeServiceDefinition.StopContainer;
    const wire = def.requestSerialize({ containerId: "c", timeout: 30 });
    expect(Buffer.isBuffer(wire)).toBe(true);
    const req = def.requestDeserialize(wire);
    expect(req).toBeInstanceOf(v1.StopContainerRequest);
    expect(req.containerId).toBe("c");
    expect(Long.fromValue(req.timeout ?? 0).toNumber()).toBe(30);
  });
});

describe("CRI services over a real gRPC unix socket", () => {
  let dir: string;
  let server: grpc.Server;
  let client: grpc.Client & Record<string, (...args: unknown[]) => unknown>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "berth-cri-grpc-"));
    server = new grpc.Server();
    const version: RuntimeServiceHandlers["Version"] = (call, callback) => {
      const reply: RuntimeResponse<"Version"> = {
        version: call.request.version ?? "",
        runtimeName: "berth",
        runtimeVersion: "0.1.0",
        runtimeApiVersion: "v1",
      };
      callback(null, reply);
    };
    const events: RuntimeServiceHandlers["GetContainerEvents"] = (call) => {
      const base = Long.fromString("1700000000000000001");
      for (let i = 0; i < 3; i++) {
        call.write({
          containerId: `c${i}`,
          containerEventType: v1.ContainerEventType.CONTAINER_STARTED_EVENT,
          createdAt: base.add(i),
        });
      }
      call.end();
    };
    server.addService(RuntimeServiceDefinition, { Version: version, GetContainerEvents: events });
    const socket = `unix://${join(dir, "cri.sock")}`;
    await new Promise<void>((res, rej) =>
      server.bindAsync(socket, grpc.ServerCredentials.createInsecure(), (err) => (err ? rej(err) : res())),
    );
    const Client = grpc.makeGenericClientConstructor(RuntimeServiceDefinition, "RuntimeService");
    client = new Client(socket, grpc.credentials.createInsecure()) as typeof client;
  });

  afterAll(async () => {
    client?.close();
    await new Promise<void>((res) => (server ? server.tryShutdown(() => res()) : res()));
    await rm(dir, { recursive: true, force: true });
  });

  it("answers a unary Version call with the typed handler's reply", async () => {
    const request: RuntimeRequest<"Version"> = { version: "0.1.0" };
    const reply = await new Promise<runtime.v1.VersionResponse>((res, rej) => {
      client.Version?.(request, (err: grpc.ServiceError | null, value: runtime.v1.VersionResponse) =>
        err ? rej(err) : res(value),
      );
    });
    expect(reply.runtimeName).toBe("berth");
    expect(reply.version).toBe("0.1.0");
  });

  it("streams GetContainerEvents with int64 timestamps intact", async () => {
    const stream = client.GetContainerEvents?.(
      {},
    ) as grpc.ClientReadableStream<runtime.v1.ContainerEventResponse>;
    const got: runtime.v1.ContainerEventResponse[] = [];
    for await (const ev of stream) got.push(ev as runtime.v1.ContainerEventResponse);
    expect(got.map((e) => e.containerId)).toEqual(["c0", "c1", "c2"]);
    expect(got.map((e) => Long.fromValue(e.createdAt).toString())).toEqual([
      "1700000000000000001",
      "1700000000000000002",
      "1700000000000000003",
    ]);
  });

  it("reports an RPC without a handler as UNIMPLEMENTED", async () => {
    const code = await new Promise<number | undefined>((res) => {
      client.Status?.({}, (err: grpc.ServiceError | null) => res(err?.code));
    });
    expect(code).toBe(grpc.status.UNIMPLEMENTED);
  });
});
