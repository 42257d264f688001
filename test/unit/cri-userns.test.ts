// userns_options of RunPodSandbox and the user namespace parts of the OCI spec: pure translation
// and the refusals (INVALID_ARGUMENT naming the field), no kernel involved.
import { describe, expect, it } from "vitest";
import { runtime } from "../../cri-api/runtime/v1/api.js";
import { podRecordFrom } from "../../src/cri/sandbox-run.js";
import { InvalidArgumentError } from "../../src/errors.js";
import { type ContainerSpec, generateOciSpec } from "../../src/runtime/spec.js";
import { usernsSupport } from "../../src/runtime/userns-probe.js";

const { POD, CONTAINER, NODE, TARGET } = runtime.v1.NamespaceMode;
const MAP = { containerId: 0, hostId: 100000, length: 65536 };

function pod(userns: runtime.v1.IUserNamespace, network = POD): runtime.v1.IRunPodSandboxRequest {
  return {
    config: {
      metadata: { name: "p", namespace: "default", uid: "u" },
      linux: {
        securityContext: { namespaceOptions: { network, pid: CONTAINER, ipc: POD, usernsOptions: userns } },
      },
    },
  };
}

function refusal(req: runtime.v1.IRunPodSandboxRequest): string {
  try {
    podRecordFrom(req, "id");
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    return (err as Error).message;
  }
  throw new Error("accepted");
}

describe("userns_options", () => {
  it("POD with one range each is recorded in the runtime spec's names; NODE and unset are the node's", () => {
    const rec = podRecordFrom(pod({ mode: POD, uids: [MAP], gids: [{ ...MAP, hostId: 300000 }] }), "id");
    expect(rec.userns).toEqual({
      path: "",
      uids: [{ containerID: 0, hostID: 100000, size: 65536 }],
      gids: [{ containerID: 0, hostID: 300000, size: 65536 }],
    });
    expect(podRecordFrom(pod({ mode: NODE }), "id").userns).toBeUndefined();
    expect(podRecordFrom({ config: { metadata: { name: "p" } } }, "id").userns).toBeUndefined();
  });

  it("refuses what critest and kubelet's contract rule out, naming the field", () => {
    const F = "config.linux.security_context.namespace_options.userns_options";
    expect(refusal(pod({ mode: POD, uids: [MAP, MAP], gids: [MAP] }))).toContain(
      `${F}.uids must hold exactly one`,
    );
    expect(refusal(pod({ mode: POD, uids: [MAP], gids: [] }))).toContain(`${F}.gids must hold exactly one`);
    expect(refusal(pod({ mode: POD, uids: [{ ...MAP, containerId: 1 }], gids: [MAP] }))).toContain(
      `${F}.uids[0].container_id must be 0`,
    );
    expect(refusal(pod({ mode: POD, uids: [{ ...MAP, length: 0 }], gids: [MAP] }))).toContain(
      "length must be positive",
    );
    expect(
      refusal(pod({ mode: POD, uids: [{ ...MAP, hostId: 0xffff0000, length: 0x10000 }], gids: [MAP] })),
    ).toContain("overflows");
    expect(refusal(pod({ mode: POD, uids: [{ ...MAP, hostId: 0 }], gids: [MAP] }))).toContain("node's root");
    expect(refusal(pod({ mode: CONTAINER }))).toContain(`${F}.mode CONTAINER`);
    expect(refusal(pod({ mode: TARGET }))).toContain(`${F}.mode TARGET`);
    expect(refusal(pod({ mode: NODE, uids: [MAP] }))).toContain("only valid with mode POD");
    expect(refusal(pod({ mode: POD, uids: [MAP], gids: [MAP] }, NODE))).toContain(
      "namespace_options.network NODE",
    );
  });
});

describe("OCI spec of a container in a user namespace", () => {
  const base: ContainerSpec = { id: "c1", rootfs: "/r", args: ["sh"] };
  const maps = {
    uids: [{ containerID: 0, hostID: 100000, size: 65536 }],
    gids: [{ containerID: 0, hostID: 100000, size: 65536 }],
  };

  it("writes linux.uidMappings/gidMappings and per-mount maps of id-mapped binds", async () => {
    const oci = await generateOciSpec({
      ...base,
      namespaces: [{ type: "user", path: "/run/pod/user" }, { type: "mount" }],
      userns: maps,
      mounts: [{ destination: "/etc/hosts", source: "/pod/hosts", type: "bind", idmap: maps }],
    });
    expect(oci.linux.uidMappings).toEqual(maps.uids);
    expect(oci.linux.gidMappings).toEqual(maps.gids);
    const hosts = oci.mounts.find((m) => m.destination === "/etc/hosts");
    expect(hosts?.uidMappings).toEqual(maps.uids);
    expect(hosts?.options).toContain("rbind");
  });

  it("refuses maps without a user namespace, a new one without maps, id-mapped non-binds", async () => {
    await expect(generateOciSpec({ ...base, userns: maps })).rejects.toThrow("no user namespace");
    await expect(
      generateOciSpec({ ...base, namespaces: [{ type: "user" }, { type: "mount" }] }),
    ).rejects.toThrow("without maps");
    await expect(
      generateOciSpec({
        ...base,
        namespaces: [{ type: "user" }, { type: "mount" }],
        userns: maps,
        mounts: [{ destination: "/x", type: "tmpfs", idmap: maps }],
      }),
    ).rejects.toThrow("only bind mounts");
  });
});

describe("user namespace support", () => {
  it("is not offered when containers run under another OCI runtime (runtime.binary)", async () => {
    const s = await usernsSupport(
      { helperBinary: "/opt/berth-runtime", runtimeBinary: "/usr/bin/runc" },
      "/x",
    );
    expect(s).toMatchObject({ ok: false });
    expect(s.detail).toContain("runtime.binary /usr/bin/runc");
  });
});
