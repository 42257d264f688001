// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings hold compose ${VAR} syntax
// berth compose and the data of an app: named volumes as PersistentVolumeClaims, secrets and
// configs as Secrets and ConfigMaps, and how long a container is given to stop.
import type { V1PodSpec } from "@kubernetes/client-node";
import { describe, expect, test } from "vitest";
import { convertCompose } from "../../src/controller/compose/convert.js";
import type { ComposeResource } from "../../src/controller/compose/resource.js";
import { buildPod } from "../../src/controller/plan/pod.js";

const convert = (doc: unknown, env: Record<string, string> = {}) =>
  convertCompose(doc, { baseDir: "/srv/app", env, home: "/home/u" });

const podSpec = (r: { resources: ComposeResource[] }, i = 0) => r.resources[i]?.spec.template.spec;

describe("stop_grace_period", () => {
  test("maps to terminationGracePeriodSeconds, rounded up to whole seconds", () => {
    const r = convert({
      services: {
        a: { image: "x", stop_grace_period: "1m30s" },
        b: { image: "x", stop_grace_period: "1500ms" },
        c: { image: "x", stop_grace_period: "0s" },
      },
    });
    expect(r.resources.map((x) => x.spec.template.spec?.terminationGracePeriodSeconds)).toEqual([90, 2, 0]);
  });

  test("defaults to compose's 10 s, not Kubernetes' 30 s", () => {
    expect(podSpec(convert({ services: { a: { image: "x" } } }))?.terminationGracePeriodSeconds).toBe(10);
  });

  test("an invalid duration names its path", () => {
    expect(() => convert({ services: { a: { image: "x", stop_grace_period: "soon" } } })).toThrow(
      /services\.a\.stop_grace_period: invalid duration "soon"/,
    );
  });
});

describe("named volumes", () => {
  const db = (extra: Record<string, unknown> = {}, volume: unknown = {}) => ({
    name: "shop",
    services: { db: { image: "postgres", volumes: ["db_data:/var/lib/postgresql/data"], ...extra } },
    volumes: { db_data: volume },
  });

  test("become a ReadWriteOnce claim of 1Gi named after the project and the volume", () => {
    const r = convert(db());
    expect(r.objects).toEqual([
      {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: { name: "shop-db-data", labels: { "berth.dev/project": "shop" } },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
      },
    ]);
    expect(podSpec(r)?.volumes).toEqual([
      { name: "db-data", persistentVolumeClaim: { claimName: "shop-db-data" } },
    ]);
    expect(podSpec(r)?.containers[0]?.volumeMounts).toEqual([
      { name: "db-data", mountPath: "/var/lib/postgresql/data" },
    ]);
    expect(r.warnings).toEqual([]);
  });

  test("x-berth-size (interpolated), storage class, access mode, labels and name: shape the claim", () => {
    const r = convert(
      db(
        {},
        {
          name: "pg-DATA",
          labels: { tier: "db", "com.example/note": "has spaces" },
          "x-berth-size": "${DB_SIZE}",
          "x-berth-storage-class": "fast",
          "x-berth-access-mode": "ReadWriteOncePod",
        },
      ),
      { DB_SIZE: "20Gi" },
    );
    expect(r.objects[0]).toEqual({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: {
        name: "pg-data",
        labels: { tier: "db", "berth.dev/project": "shop" },
        annotations: { "com.example/note": "has spaces" },
      },
      spec: {
        accessModes: ["ReadWriteOncePod"],
        resources: { requests: { storage: "20Gi" } },
        storageClassName: "fast",
      },
    });
  });

  test("driver_opts.size is a size too; compose byte sizes are converted, quantities kept", () => {
    const size = (volume: unknown) => {
      const o = convert(db({}, volume)).objects[0];
      return o?.kind === "PersistentVolumeClaim" ? o.spec.resources?.requests?.storage : undefined;
    };
    expect(size({ driver_opts: { size: "5g" } })).toBe("5Gi");
    expect(size({ "x-berth-size": "512mb" })).toBe("512Mi");
    expect(size({ "x-berth-size": "500M" })).toBe("500M");
    expect(size({ "x-berth-size": "2Gi", driver_opts: { size: "5g" } })).toBe("2Gi");
    expect(() => convert(db({}, { "x-berth-size": "lots" }))).toThrow(/volumes\.db_data\.x-berth-size/);
    expect(() => convert(db({}, { "x-berth-access-mode": "Shared" }))).toThrow(
      /unknown access mode "Shared"/,
    );
  });

  test("an external volume is an existing claim: mounted, not created", () => {
    const r = convert(db({}, { external: true, name: "legacy-pg" }));
    expect(r.objects).toEqual([]);
    expect(podSpec(r)?.volumes).toEqual([
      { name: "db-data", persistentVolumeClaim: { claimName: "legacy-pg" } },
    ]);
    expect(() => convert(db({}, { external: true }))).toThrow(
      /"db_data" is not a valid Kubernetes object name/,
    );
  });

  test("--named-volumes emptydir keeps the old mapping, with its warning", () => {
    const r = convertCompose(db(), { baseDir: "/srv/app", env: {}, namedVolumes: "emptydir" });
    expect(r.objects).toEqual([]);
    expect(podSpec(r)?.volumes).toEqual([{ name: "db-data", emptyDir: {} }]);
    expect(r.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      'services.db.volumes[0]: named volume "db_data" becomes an emptyDir: its data lives only as long as the pod',
    ]);
  });

  test("replicas or a Global service on one ReadWriteOnce claim are warned about", () => {
    const r = convert({
      name: "shop",
      services: {
        api: { image: "x", deploy: { replicas: 3 }, volumes: ["uploads:/u"] },
        agent: {
          image: "x",
          deploy: { mode: "global" },
          volumes: [{ type: "volume", source: "logs", target: "/l" }],
        },
        web: { image: "x", deploy: { replicas: 2 }, volumes: ["shared:/s"] },
      },
      volumes: { uploads: {}, logs: {}, shared: { "x-berth-access-mode": "ReadWriteMany" } },
    });
    expect(r.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      'services.api.volumes[0]: 3 replicas mount volume "uploads": the claim "shop-uploads" is ReadWriteOnce: pods on a node other than the one that mounted it first cannot start (x-berth-access-mode: ReadWriteMany on volumes.uploads needs a storage class that offers it)',
      'services.agent.volumes[0].source: a Global service (a pod per node) mounts volume "logs": the claim "shop-logs" is ReadWriteOnce: pods on a node other than the one that mounted it first cannot start (x-berth-access-mode: ReadWriteMany on volumes.logs needs a storage class that offers it)',
    ]);
  });

  test("a volume shared by services is one claim, warned about unless ReadWriteMany; an unused one is not created", () => {
    const r = convert({
      name: "shop",
      services: { a: { image: "x", volumes: ["data:/d"] }, b: { image: "x", volumes: ["data:/d:ro"] } },
      volumes: { data: {}, spare: {} },
    });
    expect(r.objects.map((o) => o.metadata.name)).toEqual(["shop-data"]);
    expect(r.resources.map((x) => x.spec.template.spec?.volumes?.[0])).toEqual([
      { name: "data", persistentVolumeClaim: { claimName: "shop-data" } },
      { name: "data", persistentVolumeClaim: { claimName: "shop-data" } },
    ]);
    expect(r.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      'volumes.data: used by a, b: the claim "shop-data" is ReadWriteOnce: pods on a node other than the one that mounted it first cannot start',
      "volumes.spare: used by no service, no claim is created",
    ]);
  });

  test("two volumes that would make the same claim name are refused", () => {
    expect(() =>
      convert({
        name: "shop",
        services: { a: { image: "x", volumes: ["db_data:/a", "db-data:/b"] } },
        volumes: { db_data: {}, "db-data": {} },
      }),
    ).toThrow(
      /volumes\.db-data: becomes PersistentVolumeClaim "shop-db-data", which volumes\.db_data already becomes/,
    );
  });

  test("the controller's Pod carries the claim: buildPod keeps the template's volumes", () => {
    const r = convert(db());
    const pod = buildPod(
      {
        metadata: { name: "db-1", namespace: "ns", uid: "u" },
        spec: { service: "db", slot: 1, revision: "abc" },
      },
      r.resources[0]?.spec.template ?? {},
      0,
    );
    const spec = (pod as { spec: V1PodSpec }).spec;
    expect(spec.volumes).toEqual([{ name: "db-data", persistentVolumeClaim: { claimName: "shop-db-data" } }]);
    expect(spec.containers[0]?.volumeMounts?.[0]?.name).toBe("db-data");
  });
});
