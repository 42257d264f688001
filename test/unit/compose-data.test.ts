// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings hold compose ${VAR} syntax
// berth compose and the data of an app: named volumes as PersistentVolumeClaims, secrets and
// configs as Secrets and ConfigMaps, and how long a container is given to stop.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { V1PodSpec } from "@kubernetes/client-node";
import { describe, expect, test } from "vitest";
import { convertCompose } from "../../src/controller/compose/convert.js";
import { loadCompose } from "../../src/controller/compose/load.js";
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

describe("secrets and configs", () => {
  const files: Record<string, string | Buffer> = {
    "/srv/app/db_password.txt": "hunter2-pw\n",
    "/srv/app/nginx.conf": "server { listen 80; }\n",
    "/srv/app/logo.bin": Buffer.from([0xff, 0xfe, 0x00, 0x01]),
    "/srv/app/app.env": "API_TOKEN=tok-3141592\nLOG=debug\n",
  };
  const read = (p: string): Buffer => {
    const f = files[p];
    if (f === undefined) throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
    return Buffer.from(f);
  };
  const conv = (doc: unknown, env: Record<string, string> = {}) =>
    convertCompose(doc, {
      baseDir: "/srv/app",
      env,
      readBytes: read,
      readFile: (p) => read(p).toString("utf8"),
    });
  const object = (r: ReturnType<typeof conv>, name: string) =>
    r.objects.find((o) => o.metadata.name === name);

  test("a secret becomes a Secret mounted as one file under /run/secrets, where the service says", () => {
    const r = conv(
      {
        name: "shop",
        services: {
          db: {
            image: "postgres",
            secrets: [
              "db_password",
              { source: "api_token", target: "token", mode: "0400", uid: "70" },
              { source: "db_password", target: "/etc/pg/pw" },
            ],
          },
        },
        secrets: {
          db_password: { file: "./db_password.txt" },
          api_token: { environment: "TOKEN" },
          unused: { file: "./missing.txt" },
        },
      },
      { TOKEN: "t0ken-value" },
    );
    expect(r.objects).toEqual([
      {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "shop-db-password", labels: { "berth.dev/project": "shop" } },
        type: "Opaque",
        data: { db_password: Buffer.from("hunter2-pw\n").toString("base64") },
      },
      {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "shop-api-token", labels: { "berth.dev/project": "shop" } },
        type: "Opaque",
        data: { api_token: Buffer.from("t0ken-value").toString("base64") },
      },
    ]);
    const spec = podSpec(r);
    expect(spec?.volumes).toEqual([
      { name: "secret-0-db-password", secret: { secretName: "shop-db-password", defaultMode: 0o444 } },
      { name: "secret-1-api-token", secret: { secretName: "shop-api-token", defaultMode: 0o400 } },
      { name: "secret-2-db-password", secret: { secretName: "shop-db-password", defaultMode: 0o444 } },
    ]);
    expect(spec?.containers[0]?.volumeMounts).toEqual([
      {
        name: "secret-0-db-password",
        mountPath: "/run/secrets/db_password",
        subPath: "db_password",
        readOnly: true,
      },
      { name: "secret-1-api-token", mountPath: "/run/secrets/token", subPath: "api_token", readOnly: true },
      { name: "secret-2-db-password", mountPath: "/etc/pg/pw", subPath: "db_password", readOnly: true },
    ]);
    expect(r.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      "services.db.secrets[1].uid: file owners of mounted secrets and configs not supported (the pod's fsGroup decides), ignored",
      "secrets.unused: used by no service, no Secret is created",
    ]);
  });

  test("a config becomes a ConfigMap mounted at /<name> by default; binary files go to binaryData", () => {
    const r = conv({
      name: "shop",
      services: {
        web: {
          image: "nginx",
          configs: [{ source: "nginx_conf", target: "/etc/nginx/nginx.conf" }, "logo.bin", "motd", "shared"],
        },
      },
      configs: {
        nginx_conf: { file: "./nginx.conf" },
        "logo.bin": { file: "logo.bin" },
        motd: { content: "welcome to ${SITE:-shop}" },
        shared: { external: true, name: "team-settings" },
      },
    });
    expect(r.objects).toEqual([
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "shop-nginx-conf", labels: { "berth.dev/project": "shop" } },
        data: { nginx_conf: "server { listen 80; }\n" },
      },
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "shop-logo.bin", labels: { "berth.dev/project": "shop" } },
        binaryData: { "logo.bin": Buffer.from([0xff, 0xfe, 0x00, 0x01]).toString("base64") },
      },
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "shop-motd", labels: { "berth.dev/project": "shop" } },
        data: { motd: "welcome to shop" },
      },
    ]);
    expect(podSpec(r)?.containers[0]?.volumeMounts?.map((m) => `${m.mountPath} ${m.subPath}`)).toEqual([
      "/etc/nginx/nginx.conf nginx_conf",
      "/logo.bin logo.bin",
      "/motd motd",
      "/shared shared",
    ]);
    expect(podSpec(r)?.volumes?.[3]).toEqual({
      name: "config-3-shared",
      configMap: { name: "team-settings", defaultMode: 0o444 },
    });
  });

  test("secret values from env_file, ${VAR} or the secret's variable are not written into the Service", () => {
    const r = conv(
      {
        name: "shop",
        services: {
          api: {
            image: "api",
            env_file: ["app.env"],
            environment: {
              DATABASE_URL: "postgres://shop:${DB_PASSWORD}@db/shop",
              DB_PASSWORD: null,
              TOKEN: "${TOKEN}",
            },
            command: ["--token", "${TOKEN}"],
            secrets: ["db_pw"],
          },
        },
        secrets: {
          db_pw: { environment: "DB_PASSWORD" },
          api_token: { file: "./app.env" },
          token: { environment: "TOKEN" },
        },
      },
      { DB_PASSWORD: "s3cr3t-pw", TOKEN: "tok-3141592" },
    );
    const service = JSON.stringify(r.resources);
    for (const clear of ["s3cr3t-pw", "tok-3141592"]) expect(service).not.toContain(clear);
    const c = podSpec(r)?.containers[0];
    const ref = (key: string) => ({ valueFrom: { secretKeyRef: { name: "shop-api-env", key } } });
    expect(c?.env).toEqual([
      { name: "API_TOKEN", ...ref("API_TOKEN") },
      { name: "LOG", value: "debug" },
      { name: "DATABASE_URL", ...ref("DATABASE_URL") },
      { name: "DB_PASSWORD", ...ref("DB_PASSWORD") },
      { name: "TOKEN", ...ref("TOKEN") },
    ]);
    expect(c?.args).toEqual(["--token", "$(API_TOKEN)"]);
    const env = object(r, "shop-api-env");
    expect(env?.kind === "Secret" && Buffer.from(env.data.DATABASE_URL ?? "", "base64").toString()).toBe(
      "postgres://shop:s3cr3t-pw@db/shop",
    );
    expect(r.warnings.map((w) => `${w.path}: ${w.message}`)).toContain(
      'services.api.command: the value of secret "token" is passed as $(API_TOKEN), read from Secret "shop-api-env"',
    );
  });

  test("a secret value anywhere else in the pod template is refused", () => {
    expect(() =>
      conv(
        {
          services: { a: { image: "x", labels: { pw: "${PW}" } } },
          secrets: { pw: { environment: "PW" } },
        },
        { PW: "letmein" },
      ),
    ).toThrow(/services\.a: holds the value of secret "pw" outside environment/);
  });

  test("undeclared references, missing sources and unreadable files name their path", () => {
    expect(() => conv({ services: { a: { image: "x", secrets: ["nope"] } } })).toThrow(
      /services\.a\.secrets\[0\]: secret "nope" is not declared in the top-level secrets section/,
    );
    expect(() => conv({ services: { a: { image: "x" } }, secrets: { s: { content: "x" } } })).toThrow(
      /secrets\.s: needs exactly one of file, environment or external/,
    );
    expect(() =>
      conv({ services: { a: { image: "x", secrets: ["s"] } }, secrets: { s: { file: "./gone" } } }),
    ).toThrow(/secrets\.s\.file: cannot read "\/srv\/app\/gone": ENOENT/);
    expect(() =>
      conv({ services: { a: { image: "x", secrets: ["s"] } }, secrets: { s: { environment: "UNSET" } } }),
    ).toThrow(/secrets\.s\.environment: environment variable "UNSET" is not set/);
    expect(() =>
      conv(
        {
          services: { a: { image: "x", secrets: [{ source: "s", mode: "rw" }] } },
          secrets: { s: { environment: "HOME" } },
        },
        { HOME: "/root" },
      ),
    ).toThrow(/services\.a\.secrets\[0\]\.mode: expected a file mode such as 0440/);
  });

  test("a mode written 0440 in the file is octal, as in docker compose", () => {
    const dir = mkdtempSync(join(tmpdir(), "berth-compose-"));
    try {
      writeFileSync(join(dir, "pw"), "x");
      writeFileSync(
        join(dir, "compose.yaml"),
        "services:\n  a:\n    image: x\n    secrets:\n      - source: pw\n        mode: 0440\nsecrets:\n  pw:\n    file: ./pw\n",
      );
      const r = loadCompose(join(dir, "compose.yaml"), { env: {} });
      expect(podSpec(r)?.volumes?.[0]?.secret?.defaultMode).toBe(0o440);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
