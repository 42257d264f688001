import { InvalidArgumentError } from "../errors.js";

// CNI spec: a container id starts with an alphanumeric character, then alphanumerics, `_`, `.`, `-`.
// It is also a file name here (netns pin, result cache), which the pattern keeps safe.
const CONTAINER_ID = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export function validateContainerId(id: string, what: string): void {
  if (!CONTAINER_ID.test(id) || id.length > 256)
    throw new InvalidArgumentError(
      `${what} ${JSON.stringify(id)} is invalid: must start with a letter or digit and contain only letters, digits, "_", "." and "-" (at most 256)`,
    );
}

// CNI_ARGS is `K=V;K=V`: a value may not contain the separators.
export function validateCniArgValue(key: string, value: string): void {
  if (/[;=\s]/.test(value))
    throw new InvalidArgumentError(
      `CNI argument ${key}=${JSON.stringify(value)} must not contain ";", "=" or spaces`,
    );
}
