// The few Kubernetes API calls compose makes, over @kubernetes/client-node: server-side apply of
// berth Services, list/get/delete them by project, list Replicas.
import {
  ApiException,
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

  constructor(kc: KubeConfig) {
    this.api = kc.makeApiClient(CustomObjectsApi);
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
