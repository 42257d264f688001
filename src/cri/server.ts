// berthd's gRPC server: both CRI services on one unix socket, with kubelet's 16 MiB message limit.
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import type { ServiceDefinition } from "@grpc/grpc-js";
import { UnimplementedError } from "../errors.js";
import type { Logger } from "../log.js";
import { GrpcServer, type MethodEntry } from "./grpc-server.js";
import { acceptClient } from "./h2-authority.js";
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

/** Every method of each service wired, the missing ones answering UNIMPLEMENTED; keyed by path. */
function methodTable(services: ServiceHandlers[], log: Logger): Map<string, MethodEntry> {
  const table = new Map<string, MethodEntry>();
  for (const svc of services) {
    const short = svc.name.split(".").pop() ?? svc.name;
    for (const method of Object.values(svc.definition)) {
      const name = method.path.slice(method.path.lastIndexOf("/") + 1);
      const unimplemented = async (): Promise<never> => {
        throw new UnimplementedError(`${short}.${name} is not implemented by berth yet`);
      };
      const codec = {
        decode: (bytes: Buffer) => method.requestDeserialize(bytes),
        encode: (message: unknown) => method.responseSerialize(message),
      };
      table.set(
        method.path,
        method.responseStream
          ? {
              ...codec,
              stream: wrapServerStream(
                svc.name,
                name,
                log,
                (svc.streams[name] ?? unimplemented) as AnyStream,
              ),
            }
          : {
              ...codec,
              unary: wrapUnary(svc.name, name, log, (svc.unary[name] ?? unimplemented) as AnyUnary),
            },
      );
    }
  }
  return table;
}

export async function startCriServer(opts: {
  socket: string;
  handlers: CriHandlers;
  log: Logger;
}): Promise<CriServer> {
  const { socket, handlers, log } = opts;
  await prepareSocketPath(socket);
  // GOAWAY: the server sets no connection age, idle time or keepalive limit and no session memory
  // bound, so berthd never closes a busy client's connection on its own. What did
  // ("New streams cannot be created after receiving a GOAWAY", issue 13) was a client's own
  // nghttp2 refusing an error trailer that echoed a 1 MiB field (GOAWAY COMPRESSION_ERROR): every
  // call then in flight on that connection hung until its deadline. instrument.ts caps answers.
  const server = new GrpcServer({
    maxMessageBytes: MAX_MESSAGE_BYTES,
    methods: methodTable(handlers.services, log),
    onError: (err) => log.debug({ err }, "CRI client connection error"),
  });
  // Connections reach the server as they are or through a rewriter of :authority (h2-authority.ts).
  const arriving = new Set<() => void>();
  const listener = createServer((conn) => {
    conn.on("error", (err) => log.debug({ err }, "CRI client connection error"));
    const drop = acceptClient(conn, (c, rewritten) => {
      arriving.delete(drop);
      log.debug({ authorityRewritten: rewritten }, "CRI client connected");
      server.serve(c);
    });
    arriving.add(drop);
    conn.once("close", () => arriving.delete(drop));
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
        for (const drop of arriving) drop();
        if (!(await server.shutdown(timeoutMs))) {
          log.warn({ timeoutMs }, "in-flight CRI calls did not finish in time; closing them");
        }
        await rm(socket, { force: true });
      })();
      return stopping;
    },
  };
}
