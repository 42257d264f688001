// Typed errors thrown below src/cri. The CRI instrumentation wrapper is the only place that maps
// them to gRPC status codes; everything else throws one of these with a message that names the
// object and the cause.

export type ErrorCode =
  | "INVALID_ARGUMENT"
  | "NOT_FOUND"
  | "ALREADY_EXISTS"
  | "FAILED_PRECONDITION"
  | "UNAVAILABLE"
  | "UNIMPLEMENTED"
  | "DEADLINE_EXCEEDED"
  | "RESOURCE_EXHAUSTED"
  | "PERMISSION_DENIED"
  | "UNAUTHENTICATED"
  | "CANCELLED"
  | "INTERNAL";

export class BerthError extends Error {
  readonly code: ErrorCode = "INTERNAL";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class InvalidArgumentError extends BerthError {
  override readonly code = "INVALID_ARGUMENT";
}
export class NotFoundError extends BerthError {
  override readonly code = "NOT_FOUND";
}
export class AlreadyExistsError extends BerthError {
  override readonly code = "ALREADY_EXISTS";
}
export class FailedPreconditionError extends BerthError {
  override readonly code = "FAILED_PRECONDITION";
}
export class UnavailableError extends BerthError {
  override readonly code = "UNAVAILABLE";
}
export class UnimplementedError extends BerthError {
  override readonly code = "UNIMPLEMENTED";
}
export class DeadlineExceededError extends BerthError {
  override readonly code = "DEADLINE_EXCEEDED";
}
export class ResourceExhaustedError extends BerthError {
  override readonly code = "RESOURCE_EXHAUSTED";
}
export class PermissionDeniedError extends BerthError {
  override readonly code = "PERMISSION_DENIED";
}
export class UnauthenticatedError extends BerthError {
  override readonly code = "UNAUTHENTICATED";
}
/** The caller gave up (a cancelled gRPC call): what it asked for was abandoned. */
export class CancelledError extends BerthError {
  override readonly code = "CANCELLED";
}
export class InternalError extends BerthError {
  override readonly code = "INTERNAL";
}

/** The message of any thrown value, for logs and wrapped errors. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The errno code (`ENOENT`, …) of a Node system error, or undefined. */
export function errnoCode(err: unknown): string | undefined {
  if (err && typeof err === "object" && "code" in err && typeof err.code === "string") return err.code;
  return undefined;
}
