// berthd's gRPC server: both CRI services on one unix socket, with kubelet's 16 MiB message limit.
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import {
  Server,
  ServerCredentials,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from "@grpc/grpc-js";
import { UnimplementedError } from "../errors.js";
import type { Logger } from "../log.js";
import { AuthorityRewritingStream } from "./h2-authority.js";
import { type StreamImpl, type UnaryImpl, wrapServerStream, wrapUnary } from "./instrument.js";
import { prepareSocketPath, restrictSocket } from "./socket.js";

/** kubelet's maximum CRI message size, both directions. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

export type AnyUnary = UnaryImpl<never, unknown>;
export type AnyStream = StreamImpl<never, unknown>;

export interface ServiceHandlers {
  definition: ServiceDefinition;
  /** Fully-qualified service name, e.g. runtime.v1.RuntimeService (for metrics). */
  name: string;
  unary: Record<string, AnyUnary | undefined>;
  streams: Record<string, AnyStream | undefined>;
}

export interface CriHandlers {
  services: ServiceHandlers[];
  /** Releases what the handlers hold (stores, timers). Containers are not touched. */
  close(): Promise<void>;
}

export interface CriServer {
  socket: string;
  /** Stops accepting calls, waits up to `timeoutMs` for in-flight ones, removes the socket. */
  stop(timeoutMs: number): Promise<void>;
}

/** Builds the grpc-js implementation: every method wired, the missing ones answer UNIMPLEMENTED. */
function implementation(svc: ServiceHandlers, log: Logger): UntypedServiceImplementation {
  const impl: UntypedServiceImplementation = {};
  const short = svc.name.split(".").pop() ?? svc.name;
  for (const [key, method] of Object.entries(svc.definition)) {
    const name = method.path.slice(method.path.lastIndexOf("/") + 1);
    const unimplemented = async (): Promise<never> => {
      throw new UnimplementedError(`${short}.${name} is not implemented by berth yet`);
    };
    if (method.responseStream) {
      const h = (svc.streams[name] ?? unimplemented) as StreamImpl<unknown, unknown>;
      impl[key] = wrapServerStream(svc.name, name, log, h);
    } else {
      const h = (svc.unary[name] ?? unimplemented) as UnaryImpl<unknown, unknown>;
      impl[key] = wrapUnary(svc.name, name, log, h);
    }
  }
  return impl;
}

export async function startCriServer(opts: {
  socket: string;
  handlers: CriHandlers;
  log: Logger;
}): Promise<CriServer> {
  const { socket, handlers, log } = opts;
  await prepareSocketPath(socket);
  // GOAWAY: grpc-js leaves connection age, idle time and keepalive unlimited and session memory
  // unenforced by default, so berthd never closes a busy client's connection on its own. What did
  // ("New streams cannot be created after receiving a GOAWAY", issue 13) was a client's own
  // nghttp2 refusing an error trailer that echoed a 1 MiB field (GOAWAY COMPRESSION_ERROR): every
  // call then in flight on that connection hung until its deadline. instrument.ts caps answers.
  const server = new Server({
    "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
    "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
  });
  for (const svc of handlers.services) server.addService(svc.definition, implementation(svc, log));
  // Connections reach grpc-js through a rewriter of :authority (see h2-authority.ts), not bindAsync.
  const injector = server.createConnectionInjector(ServerCredentials.createInsecure());
  const listener = createServer((conn) => {
    conn.on("error", (err) => log.debug({ err }, "CRI client connection error"));
    injector.injectConnection(new AuthorityRewritingStream(conn));
  });
  await new Promise<void>((resolve, reject) => {
    listener.once("error", reject);
    listener.listen(socket, () => {
      listener.off("error", reject);
      resolve();
    });
  });
  await restrictSocket(socket);

  let stopping: Promise<void> | undefined;
  return {
    socket,
    stop(timeoutMs: number) {
      stopping ??= (async () => {
        listener.close();
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            log.warn({ timeoutMs }, "in-flight CRI calls did not finish in time; closing them");
            server.forceShutdown();
            resolve();
          }, timeoutMs);
          server.tryShutdown(() => {
            clearTimeout(timer);
            resolve();
          });
        });
        await rm(socket, { force: true });
      })();
      return stopping;
    },
  };
}
