// The few Kubernetes API calls compose makes, over @kubernetes/client-node: server-side apply of
// berth Services and of the core objects they use, list/get/delete them by project, list Replicas.
import {
  ApiException,
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from "@kubernetes/client-node";
import {
  errorMessage,
  NotFoundError,
  PermissionDeniedError,
  UnauthenticatedError,
  UnavailableError,
} from "../../errors.js";
import {
  type BerthService,
  GROUP,
  LABEL_PROJECT,
  REPLICA_PLURAL,
  type Replica,
  SERVICE_PLURAL,
  VERSION,
} from "../types.js";
import type { ComposeObject, ObjectKind } from "./objects.js";
import type { ComposeResource } from "./resource.js";

export const FIELD_MANAGER = "berth-compose";

/** What compose needs from the cluster; tests may substitute their own. */
export interface ComposeApi {
  apply(namespace: string, resource: ComposeResource): Promise<BerthService>;
  listServices(namespace: string, project: string): Promise<BerthService[]>;
  /** undefined once the Service is gone. */
  getService(namespace: string, name: string): Promise<BerthService | undefined>;
  /** Deleting a Service that is already gone is not an error. */
  deleteService(namespace: string, name: string): Promise<void>;
  listReplicas(namespace: string): Promise<Replica[]>;
  applyObject(namespace: string, object: ComposeObject): Promise<void>;
  /** Names of the project's objects of one kind. */
  listObjects(namespace: string, kind: ObjectKind, project: string): Promise<string[]>;
  /** Deleting an object that is already gone is not an error. */
  deleteObject(namespace: string, kind: ObjectKind, name: string): Promise<void>;
}

function describeFailure(what: string, err: unknown): Error {
  if (err instanceof ApiException) {
    const message = statusMessage(err.body);
    if (err.code === 404) return new NotFoundError(`${what}: ${message}`, { cause: err });
    if (err.code === 403) return new PermissionDeniedError(`${what}: HTTP 403: ${message}`, { cause: err });
    if (err.code === 401) return new UnauthenticatedError(`${what}: HTTP 401: ${message}`, { cause: err });
    return new UnavailableError(`${what}: HTTP ${err.code}: ${message}`, { cause: err });
  }
  return new UnavailableError(`${what}: ${errorMessage(err)}`, { cause: err });
}

/** The message of a Status body, which client-node hands over parsed or as JSON text. */
function statusMessage(body: unknown): string {
  let value = body;
  if (typeof body === "string") {
    try {
      value = JSON.parse(body) as unknown;
    } catch {
      return body;
    }
  }
  if (
    typeof value === "object" &&
    value !== null &&
    "message" in value &&
    typeof value.message === "string"
  ) {
    return value.message;
  }
  return String(body);
}

function isNotFound(err: unknown): boolean {
  return err instanceof ApiException && err.code === 404;
}

export class KubeComposeApi implements ComposeApi {
  private readonly api: CustomObjectsApi;
  private readonly core: CoreV1Api;

  constructor(kc: KubeConfig) {
    this.api = kc.makeApiClient(CustomObjectsApi);
    this.core = kc.makeApiClient(CoreV1Api);
  }

  async applyObject(namespace: string, object: ComposeObject): Promise<void> {
    const name = object.metadata.name;
    const param = {
      name,
      namespace,
      body: { ...object, metadata: { ...object.metadata, namespace } },
      fieldManager: FIELD_MANAGER,
      force: true,
    };
    const options = setHeaderOptions("Content-Type", PatchStrategy.ServerSideApply);
    try {
      switch (object.kind) {
        case "PersistentVolumeClaim":
          await this.core.patchNamespacedPersistentVolumeClaim(param, options);
          break;
        case "Secret":
          await this.core.patchNamespacedSecret(param, options);
          break;
        case "ConfigMap":
          await this.core.patchNamespacedConfigMap(param, options);
          break;
      }
    } catch (err) {
      throw describeFailure(`apply ${object.kind} "${namespace}/${name}"`, err);
    }
  }

  async listObjects(namespace: string, kind: ObjectKind, project: string): Promise<string[]> {
    const param = { namespace, labelSelector: `${LABEL_PROJECT}=${project}` };
    try {
      const list =
        kind === "PersistentVolumeClaim"
          ? await this.core.listNamespacedPersistentVolumeClaim(param)
          : kind === "Secret"
            ? await this.core.listNamespacedSecret(param)
            : await this.core.listNamespacedConfigMap(param);
      return list.items.map((o) => o.metadata?.name ?? "").filter((n) => n !== "");
    } catch (err) {
      throw describeFailure(`list ${kind}s of project "${project}" in "${namespace}"`, err);
    }
  }

  async deleteObject(namespace: string, kind: ObjectKind, name: string): Promise<void> {
    try {
      if (kind === "PersistentVolumeClaim")
        await this.core.deleteNamespacedPersistentVolumeClaim({ name, namespace });
      else if (kind === "Secret") await this.core.deleteNamespacedSecret({ name, namespace });
      else await this.core.deleteNamespacedConfigMap({ name, namespace });
    } catch (err) {
      if (isNotFound(err)) return;
      throw describeFailure(`delete ${kind} "${namespace}/${name}"`, err);
    }
  }

  async apply(namespace: string, resource: ComposeResource): Promise<BerthService> {
    const name = resource.metadata.name;
    try {
      return (await this.api.patchNamespacedCustomObject(
        {
          group: GROUP,
          version: VERSION,
          namespace,
          plural: SERVICE_PLURAL,
          name,
          body: { ...resource, metadata: { ...resource.metadata, namespace } },
          fieldManager: FIELD_MANAGER,
          force: true,
        },
        setHeaderOptions("Content-Type", PatchStrategy.ServerSideApply),
      )) as BerthService;
    } catch (err) {
      throw describeFailure(`apply Service "${namespace}/${name}"`, err);
    }
  }

  async listServices(namespace: string, project: string): Promise<BerthService[]> {
    try {
      const list = (await this.api.listNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace,
        plural: SERVICE_PLURAL,
        labelSelector: `${LABEL_PROJECT}=${project}`,
      })) as { items?: BerthService[] };
      return list.items ?? [];
    } catch (err) {
      throw describeFailure(`list Services of project "${project}" in "${namespace}"`, err);
    }
  }

  async getService(namespace: string, name: string): Promise<BerthService | undefined> {
    try {
      return (await this.api.getNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace,
        plural: SERVICE_PLURAL,
        name,
      })) as BerthService;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw describeFailure(`get Service "${namespace}/${name}"`, err);
    }
  }

  async deleteService(namespace: string, name: string): Promise<void> {
    try {
      // Foreground: the Service stays until its Replicas (and their Pods) are gone, so waiting
      // for the Service waits for everything it owns.
      await this.api.deleteNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace,
        plural: SERVICE_PLURAL,
        name,
        propagationPolicy: "Foreground",
      });
    } catch (err) {
      if (isNotFound(err)) return;
      throw describeFailure(`delete Service "${namespace}/${name}"`, err);
    }
  }

  async listReplicas(namespace: string): Promise<Replica[]> {
    try {
      const list = (await this.api.listNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace,
        plural: REPLICA_PLURAL,
      })) as { items?: Replica[] };
      return list.items ?? [];
    } catch (err) {
      throw describeFailure(`list Replicas in "${namespace}"`, err);
    }
  }
}
