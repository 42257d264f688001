// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings hold compose ${VAR} syntax
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { type ConvertResult, convertCompose } from "../../src/controller/compose/convert.js";
import { loadCompose } from "../../src/controller/compose/load.js";
import type { ComposeResource } from "../../src/controller/compose/resource.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/compose");

function load(file: string, env: Record<string, string> = {}, project?: string): ConvertResult {
  return loadCompose(join(FIXTURES, file), project === undefined ? { env } : { env, project });
}

function byName(r: ConvertResult, name: string): ComposeResource {
  const found = r.resources.find((x) => x.metadata.name === name);
  if (!found) throw new Error(`no resource ${name}`);
  return found;
}

function container(r: ComposeResource) {
  return r.spec.template.spec?.containers[0];
}

function warningLines(r: ConvertResult): string[] {
  return r.warnings.map((w) => `${w.path}: ${w.message}`);
}

describe("webapp fixture (common keys, interpolation, .env, env_file)", () => {
  const r = load("webapp/compose.yaml");

  test("the project comes from the top-level name and labels every resource and pod", () => {
    expect(r.project).toBe("shop");
    for (const res of r.resources) {
      expect(res.apiVersion).toBe("berth.dev/v1alpha1");
      expect(res.kind).toBe("Service");
      expect(res.metadata.labels["berth.dev/project"]).toBe("shop");
      expect(res.spec.template.metadata?.labels?.["berth.dev/project"]).toBe("shop");
    }
  });

  test("resources come in dependency order", () => {
    expect(r.resources.map((x) => x.metadata.name)).toEqual(["db", "cache", "api", "web"]);
  });

  test("depends_on long form maps conditions, short form means Started", () => {
    expect(byName(r, "api").spec.dependsOn).toEqual([
      { service: "db", condition: "Healthy" },
      { service: "cache", condition: "Started" },
    ]);
    expect(byName(r, "web").spec.dependsOn).toEqual([{ service: "api", condition: "Started" }]);
  });

  test("entrypoint becomes command, command becomes args, strings split like a shell", () => {
    const api = container(byName(r, "api"));
    expect(api?.command).toEqual(["/app/api"]);
    expect(api?.args).toEqual(["--listen", ":8080", "--db", "postgres://db/shop"]);
    expect(container(byName(r, "cache"))?.args).toEqual(["redis-server", "--save", "", "--appendonly", "no"]);
  });

  test("env_file is read beside the compose file and environment overrides it", () => {
    expect(container(byName(r, "api"))?.env).toEqual([
      { name: "LOG_LEVEL", value: "debug" },
      { name: "CACHE_URL", value: "redis://cache:6379" },
      { name: "GREETING", value: "hello\nworld" },
      { name: "LOG_FORMAT", value: "json" },
      { name: "REGION", value: "us-east-2" },
      { name: "FEATURE_FLAGS", value: "a,b" },
      { name: "PRICE", value: "$5" },
    ]);
  });

  test("interpolation uses .env, the process environment wins over it, unset keys inherit nothing", () => {
    expect(container(byName(r, "api"))?.image).toBe("registry.example.com/shop/api:1.4.2");
    expect(container(byName(r, "db"))?.env).toEqual([
      { name: "POSTGRES_PASSWORD", value: "s3cr3t$" },
      { name: "POSTGRES_DB", value: "shop" },
    ]);
    const withEnv = load("webapp/compose.yaml", { API_TAG: "2.0", PGDATA: "/pg" });
    expect(container(byName(withEnv, "api"))?.image).toBe("registry.example.com/shop/api:2.0");
    expect(container(byName(withEnv, "db"))?.env).toContainEqual({ name: "PGDATA", value: "/pg" });
  });

  test("ports and expose become container ports and Service ports; mode host keeps a hostPort", () => {
    const api = byName(r, "api");
    expect(api.spec.ports).toEqual([
      { name: "tcp-8080", port: 8080, targetPort: 8080, protocol: "TCP" },
      { name: "metrics", port: 9090, targetPort: 9090, protocol: "TCP" },
    ]);
    expect(container(api)?.ports).toEqual([
      { name: "tcp-8080", containerPort: 8080, protocol: "TCP" },
      { name: "tcp-9090", containerPort: 9090, protocol: "TCP", hostPort: 9090 },
    ]);
    expect(byName(r, "web").spec.ports).toEqual([
      { name: "tcp-80", port: 80, targetPort: 8080, protocol: "TCP" },
      { name: "tcp-8443", port: 8443, targetPort: 443, protocol: "TCP" },
    ]);
    expect(byName(r, "cache").spec.ports).toEqual([
      { name: "tcp-6379", port: 6379, targetPort: 6379, protocol: "TCP" },
    ]);
  });

  test("deploy.replicas and scale set replicas; resources become limits and requests", () => {
    expect(byName(r, "api").spec.replicas).toBe(3);
    expect(byName(r, "web").spec.replicas).toBe(2);
    expect(byName(r, "db").spec.replicas).toBeUndefined();
    expect(container(byName(r, "api"))?.resources).toEqual({
      limits: { cpu: "500m", memory: "512Mi" },
      requests: { cpu: "250m", memory: "128Mi" },
    });
  });

  test("restart maps to the restart policy", () => {
    expect(byName(r, "db").spec.restart).toEqual({ condition: "Any" });
    expect(byName(r, "cache").spec.restart).toEqual({ condition: "OnFailure", maxAttempts: 3 });
    expect(byName(r, "api").spec.restart).toBeUndefined();
  });

  test("healthcheck becomes readiness and liveness probes; start_period delays liveness only", () => {
    const db = container(byName(r, "db"));
    const probe = {
      exec: { command: ["/bin/sh", "-c", "pg_isready -U postgres"] },
      periodSeconds: 5,
      timeoutSeconds: 3,
      failureThreshold: 5,
      successThreshold: 1,
    };
    expect(db?.readinessProbe).toEqual(probe);
    expect(db?.livenessProbe).toEqual({ ...probe, initialDelaySeconds: 10 });
    expect(container(byName(r, "api"))?.readinessProbe).toEqual({
      exec: { command: ["wget", "-q", "-O-", "http://localhost:8080/healthz"] },
      periodSeconds: 10,
      timeoutSeconds: 30,
      failureThreshold: 3,
      successThreshold: 1,
    });
    expect(container(byName(r, "web"))?.livenessProbe?.exec?.command).toEqual([
      "/bin/sh",
      "-c",
      "curl -fsS http://localhost:8080/ || exit 1",
    ]);
  });

  test("user, working_dir, tty and stdin_open map onto the container", () => {
    expect(container(byName(r, "db"))?.securityContext).toEqual({ runAsUser: 70, runAsGroup: 70 });
    expect(container(byName(r, "api"))?.workingDir).toBe("/app");
    expect(container(byName(r, "web"))).toMatchObject({ tty: true, stdin: true });
  });

  test("labels that are valid stay labels, the others become annotations", () => {
    const meta = byName(r, "api").spec.template.metadata;
    expect(meta?.labels).toEqual({ "app.kubernetes.io/component": "api", "berth.dev/project": "shop" });
    expect(meta?.annotations).toEqual({ "com.example.description": "Shop API server" });
  });

  test("volumes: named → claim, bind → hostPath (relative to the file), anonymous → emptyDir, tmpfs → memory", () => {
    const web = byName(r, "web");
    expect(web.spec.template.spec?.volumes).toEqual([
      { name: "bind-0", hostPath: { path: join(FIXTURES, "webapp/nginx.conf") } },
      { name: "bind-1", hostPath: { path: "/srv/static", type: "DirectoryOrCreate" } },
      { name: "anon-2", emptyDir: {} },
    ]);
    expect(container(web)?.volumeMounts).toEqual([
      { name: "bind-0", mountPath: "/etc/nginx/nginx.conf", readOnly: true },
      { name: "bind-1", mountPath: "/usr/share/nginx/html", readOnly: true },
      { name: "anon-2", mountPath: "/var/cache/nginx" },
    ]);
    expect(byName(r, "db").spec.template.spec?.volumes).toEqual([
      { name: "db-data", persistentVolumeClaim: { claimName: "shop-db-data" } },
    ]);
    expect(r.objects).toEqual([
      {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: { name: "shop-db-data", labels: { "berth.dev/project": "shop" } },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
      },
    ]);
    expect(byName(r, "cache").spec.template.spec?.volumes).toEqual([
      { name: "tmpfs-data", emptyDir: { medium: "Memory", sizeLimit: "64Mi" } },
    ]);
  });

  test("what does not map exactly is reported with its path", () => {
    expect(warningLines(r)).toEqual([
      "services.api.labels.com.example.description: not a valid Kubernetes label, kept as an annotation",
      'services.web.ports[1]: host IP "127.0.0.1" not supported, ignored',
      'services.web.ports[0]: published port 80 is not bound on the host; it is port 80 of the ClusterIP Service "web"',
      'services.web.ports[1]: published port 8443 is not bound on the host; it is port 8443 of the ClusterIP Service "web"',
      `services.web.volumes[0]: relative bind source "./nginx.conf" resolved to "${join(FIXTURES, "webapp/nginx.conf")}", which must exist on the node`,
    ]);
  });

  test("-p wins over the file's name", () => {
    expect(load("webapp/compose.yaml", {}, "other").resources[0]?.metadata.labels["berth.dev/project"]).toBe(
      "other",
    );
  });
});

describe("swarm-stack fixture (deploy keys)", () => {
  const r = load("swarm-stack/docker-compose.yml", { WORKER_TAG: "7" });

  test("the project defaults to the folder name", () => {
    expect(r.project).toBe("swarm-stack");
  });

  test("global mode, placement constraints and restart_policy", () => {
    const agent = byName(r, "agent");
    expect(agent.spec.mode).toBe("Global");
    expect(agent.spec.replicas).toBeUndefined();
    expect(agent.spec.placement).toEqual({
      nodeSelector: { monitoring: "true", "kubernetes.io/os": "linux" },
    });
    expect(agent.spec.restart).toEqual({ condition: "OnFailure", delay: "5s", maxAttempts: 3, window: "2m" });
    expect(container(agent)?.resources).toEqual({ limits: { cpu: "125m", memory: "64Mi" } });
  });

  test("deploy.labels label the Service object, invalid values become annotations", () => {
    const agent = byName(r, "agent");
    expect(agent.metadata.labels).toEqual({ tier: "infra", "berth.dev/project": "swarm-stack" });
    expect(agent.metadata.annotations).toEqual({ owner: "Platform Team" });
  });

  test("update_config and rollback_config keep every field", () => {
    const worker = byName(r, "worker");
    expect(worker.spec.mode).toBe("Replicated");
    expect(worker.spec.replicas).toBe(6);
    expect(worker.spec.update).toEqual({
      parallelism: 2,
      delay: "10s",
      order: "StartFirst",
      failureAction: "Rollback",
      monitor: "1m30s",
      maxFailureRatio: 0.2,
    });
    expect(worker.spec.rollback).toEqual({
      parallelism: 0,
      delay: "500ms",
      order: "StopFirst",
      failureAction: "Pause",
      monitor: "30s",
      maxFailureRatio: 0,
    });
  });

  test("max_replicas_per_node, node.hostname and node.platform.arch constraints", () => {
    expect(byName(r, "worker").spec.placement).toEqual({
      nodeSelector: { disk: "ssd", "kubernetes.io/hostname": "worker-1", "kubernetes.io/arch": "amd64" },
      maxReplicasPerNode: 2,
    });
  });

  test("restart: always, byte sizes, whole CPUs and stop_grace_period", () => {
    const worker = byName(r, "worker");
    expect(worker.spec.restart).toEqual({ condition: "Any" });
    expect(container(worker)?.resources).toEqual({
      limits: { cpu: "2", memory: "1536Mi" },
      requests: { memory: "1Gi" },
    });
    expect(worker.spec.template.spec?.terminationGracePeriodSeconds).toBe(60);
    expect(container(worker)?.image).toBe("example/worker:7");
  });

  test("deploy keys without an equivalent are warnings", () => {
    expect(warningLines(r)).toEqual([
      "version: obsolete, ignored",
      "services.agent.deploy.resources.limits.pids: per-container pids limits not supported, ignored",
      'services.agent.deploy.placement.constraints[2]: constraint "node.role == manager" not supported (only node.labels.*, node.hostname, node.platform.* with ==), ignored',
      "services.agent.deploy.placement.preferences: placement preferences not supported, ignored",
      "services.worker.deploy.resources.reservations.devices: device reservations not supported, ignored",
      "services.worker.deploy.endpoint_mode: dnsrr not supported, the Service gets a virtual IP",
      "services.agent.deploy.labels.owner: not a valid Kubernetes label, kept as an annotation",
    ]);
  });
});

describe("unsupported fixture", () => {
  const r = load("unsupported/compose.yaml");
  const paths = r.warnings.map((w) => w.path);

  test("every key without an equivalent is a warning naming its path", () => {
    for (const p of [
      "version",
      "networks",
      "volumes.data.driver",
      "services.app.build",
      "services.app.container_name",
      "services.app.networks",
      "services.app.links",
      "services.app.profiles",
      "services.app.logging",
      "services.app.ulimits",
      "services.app.init",
      "services.app.user",
      "services.app.pull_policy",
      "services.app.network_mode",
      "services.app.ports[0]",
      "services.app.ports[1].host_ip",
      "services.app.ports[1].app_protocol",
      "services.app.volumes[0].volume.nocopy",
      "services.app.volumes[1]",
      "services.app.healthcheck.interval",
      "services.app.healthcheck.start_interval",
      "services.app.healthcheck.test",
      "services.app.depends_on.other.restart",
      "services.app.depends_on.other.required",
      "services.app.labels.berth.dev/project",
      "services.app.deploy.mode",
      "services.app.deploy.placement.constraints[0]",
      "services.other.restart",
      "services.other.frobnicate",
      "services.other.image",
      "volumes.data",
    ]) {
      expect(paths, p).toContain(p);
    }
  });

  test("x- extension keys are neither warned about nor interpolated", () => {
    expect(paths.some((p) => p.includes("x-"))).toBe(false);
  });

  test("messages say what happened", () => {
    const lines = warningLines(r);
    expect(lines).toContain("services.other.frobnicate: not supported, ignored");
    expect(lines).toContain(
      'services.other.image: variable "MISSING_VAR" is not set, substituted with an empty string',
    );
    expect(lines).toContain(
      'volumes.data: used by app, other: the claim "data" is ReadWriteOnce: pods on a node other than the one that mounted it first cannot start',
    );
    expect(lines).toContain(
      'services.app.labels.berth.dev/project: the "berth.dev/" prefix is reserved for berth, ignored',
    );
  });

  test("reserved labels cannot replace the project label", () => {
    expect(byName(r, "app").spec.template.metadata?.labels?.["berth.dev/project"]).toBe("unsupported");
  });

  test("an unsupported healthcheck without test sets no probes", () => {
    expect(container(byName(r, "app"))?.readinessProbe).toBeUndefined();
  });
});

describe("invalid files are refused with the path of the problem", () => {
  test.each([
    [
      "bad-service-name.yaml",
      `services.My_App: service name "My_App" is not a valid DNS label (lowercase letters, digits and '-', starting with a letter, ending with a letter or digit, at most 63 characters)`,
    ],
    ["bad-project-name.yaml", 'name: project name "Shop_1" is not a valid DNS label'],
    ["cycle.yaml", "services.a.depends_on: dependency cycle: a -> b -> a"],
    ["undefined-dependency.yaml", 'services.web.depends_on[0]: depends on undefined service "db"'],
    ["bad-port.yaml", 'services.web.ports[1]: invalid port "abc"'],
    ["bad-yaml.yaml", "bad-yaml.yaml:4:1: invalid YAML: All mapping items must start at the same column"],
    ["missing-image.yaml", "services.web.image: required (build is not supported)"],
    [
      "undeclared-volume.yaml",
      'services.web.volumes[0]: volume "cache" is not declared in the top-level volumes section',
    ],
    [
      "required-variable.yaml",
      'services.web.environment.TOKEN: required variable "TOKEN" is missing a value: TOKEN must be set',
    ],
    ["bad-duration.yaml", 'services.web.healthcheck.interval: invalid duration "10"'],
    ["scale-conflict.yaml", "services.web.scale: 2 differs from deploy.replicas 3"],
    ["bad-update-order.yaml", 'services.web.deploy.update_config.order: unknown value "random-first"'],
    [
      "bad-memory.yaml",
      'services.web.deploy.resources.limits.memory: expected a byte size such as "512m" or "1gb", got string "lots"',
    ],
    ["missing-env-file.yaml", "services.web.env_file: cannot read env file"],
    [
      "bad-healthcheck.yaml",
      'services.web.healthcheck.test: must start with "CMD", "CMD-SHELL" or "NONE", got "RUN"',
    ],
  ])("%s", (file, message) => {
    expect(() => load(`invalid/${file}`)).toThrow(message);
  });

  test("a file with no services is refused", () => {
    expect(() => convertCompose({ version: "3" }, { baseDir: "/tmp/x", env: {} })).toThrow(
      "services: required",
    );
  });
});

describe("convertCompose on documents", () => {
  const convert = (doc: unknown, env: Record<string, string> = {}) =>
    convertCompose(doc, { baseDir: "/srv/app", env, namespace: "team-a", home: "/home/u" });

  test("the namespace is written when given", () => {
    expect(convert({ services: { web: { image: "nginx" } } }).resources[0]?.metadata.namespace).toBe(
      "team-a",
    );
  });

  test("healthcheck NONE and disable set no probes", () => {
    const r = convert({
      services: {
        a: { image: "x", healthcheck: { test: ["NONE"] } },
        b: { image: "x", healthcheck: { test: ["CMD", "true"], disable: true } },
      },
    });
    for (const res of r.resources) expect(container(res)?.livenessProbe).toBeUndefined();
    expect(r.warnings).toEqual([]);
  });

  test("environment in list form, with inherited values", () => {
    const r = convert(
      { services: { a: { image: "x", environment: ["A=1", "B", "C=x=y", "D"] } } },
      { B: "from-env" },
    );
    expect(container(r.resources[0] as ComposeResource)?.env).toEqual([
      { name: "A", value: "1" },
      { name: "B", value: "from-env" },
      { name: "C", value: "x=y" },
    ]);
  });

  test("numeric values can come from interpolation", () => {
    const r = convert(
      {
        services: {
          a: { image: "x", deploy: { replicas: "${N:-4}", resources: { limits: { cpus: "${C}" } } } },
        },
      },
      { C: "1.5" },
    );
    expect(r.resources[0]?.spec.replicas).toBe(4);
    expect(container(r.resources[0] as ComposeResource)?.resources?.limits).toEqual({ cpu: "1500m" });
  });

  test("port ranges, udp, and expose", () => {
    const r = convert({
      services: { a: { image: "x", ports: ["9000-9001:8000-8001/udp"], expose: ["7000/tcp"] } },
    });
    expect(r.resources[0]?.spec.ports).toEqual([
      { name: "udp-9000", port: 9000, targetPort: 8000, protocol: "UDP" },
      { name: "udp-9001", port: 9001, targetPort: 8001, protocol: "UDP" },
      { name: "tcp-7000", port: 7000, targetPort: 7000, protocol: "TCP" },
    ]);
  });

  test("tmpfs long syntax, volume subpath, bind propagation and ~ sources", () => {
    const r = convert({
      services: {
        a: {
          image: "x",
          volumes: [
            { type: "tmpfs", target: "/scratch", tmpfs: { size: "1g" } },
            { type: "volume", source: "data", target: "/d", volume: { subpath: "sub" }, read_only: true },
            { type: "bind", source: "~/src", target: "/src", bind: { propagation: "rslave" } },
          ],
        },
      },
      volumes: { data: null },
    });
    const res = r.resources[0] as ComposeResource;
    expect(res.spec.template.spec?.volumes).toEqual([
      { name: "tmpfs-0", emptyDir: { medium: "Memory", sizeLimit: "1Gi" } },
      { name: "data", persistentVolumeClaim: { claimName: "app-data" } },
      { name: "bind-2", hostPath: { path: "/home/u/src" } },
    ]);
    expect(container(res)?.volumeMounts).toEqual([
      { name: "tmpfs-0", mountPath: "/scratch" },
      { name: "data", mountPath: "/d", readOnly: true, subPath: "sub" },
      { name: "bind-2", mountPath: "/src", mountPropagation: "HostToContainer" },
    ]);
  });

  test("pod-level keys: hostname, network_mode host, extra_hosts, dns, sysctls, capabilities", () => {
    const r = convert({
      services: {
        a: {
          image: "x",
          hostname: "box",
          network_mode: "host",
          extra_hosts: ["db.local:10.0.0.5", "cache.local=10.0.0.5"],
          dns: "1.1.1.1",
          dns_search: ["example.com"],
          sysctls: { "net.core.somaxconn": 1024 },
          cap_add: ["NET_ADMIN"],
          cap_drop: ["CAP_ALL"],
          privileged: false,
          read_only: true,
        },
      },
    });
    const spec = r.resources[0]?.spec.template.spec;
    expect(spec).toMatchObject({
      hostname: "box",
      hostNetwork: true,
      hostAliases: [{ ip: "10.0.0.5", hostnames: ["db.local", "cache.local"] }],
      dnsPolicy: "None",
      dnsConfig: { nameservers: ["1.1.1.1"], searches: ["example.com"] },
      securityContext: { sysctls: [{ name: "net.core.somaxconn", value: "1024" }] },
    });
    expect(spec?.containers[0]?.securityContext).toEqual({
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { add: ["NET_ADMIN"], drop: ["ALL"] },
    });
  });
});
