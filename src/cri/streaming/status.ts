// The Kubernetes Status objects kubelet writes on the error channel when a command ends.

/** metav1.Status as kubelet serialises it (StatusCause.Type goes out as "reason"). */
export interface KubeStatus {
  metadata: Record<string, never>;
  status: "Success" | "Failure";
  message?: string;
  reason?: string;
  details?: { causes: { reason: string; message: string }[] };
}

export function exitStatus(code: number): KubeStatus {
  if (code === 0) return { metadata: {}, status: "Success" };
  return {
    metadata: {},
    status: "Failure",
    message: `command terminated with non-zero exit code: error executing command, exit status ${code}`,
    reason: "NonZeroExitCode",
    details: { causes: [{ reason: "ExitCode", message: String(code) }] },
  };
}

export function errorStatus(message: string): KubeStatus {
  return { metadata: {}, status: "Failure", message };
}

/**
 * The error channel's bytes for `status`: protocols from v4 on carry the Status as JSON; older ones
 * carry only a failure's message and nothing on success (kubelet's v1WriteStatusFunc).
 */
export function encodeStatus(status: KubeStatus, asJson: boolean): Buffer | undefined {
  if (asJson) return Buffer.from(JSON.stringify(status));
  if (status.status === "Success") return undefined;
  return Buffer.from(status.message ?? "error executing command");
}
