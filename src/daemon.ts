// berthd: loads the configuration, opens the stores, serves CRI on the unix socket and metrics over
// HTTP, and shuts down gracefully on SIGTERM/SIGINT without touching running containers.
import { mkdir } from "node:fs/promises";
import { type AdminServer, startAdminServer } from "./admin-server.js";
import type { Config } from "./config.js";
import { answeredCalls } from "./cri/instrument.js";
import { type CriServer, startCriServer } from "./cri/server.js";
import { createCriHandlers, openImages } from "./cri/service.js";
import { errorMessage, FailedPreconditionError } from "./errors.js";
import { startIdleGc, tuneMemory } from "./idle-gc.js";
import { configureLogger, type Logger } from "./log.js";
import { type MetricsServer, startMetricsServer } from "./metrics-server.js";
import {
  adminSocketPath,
  describeHolder,
  type StoreLock,
  storeLockPath,
  tryLockStore,
} from "./store-lock.js";
import { BERTH_VERSION } from "./version.js";

export interface Daemon {
  cri: CriServer;
  metrics?: MetricsServer;
  /** Resolves once the daemon has stopped (after a signal or `stop()`). */
  stopped: Promise<void>;
  stop(reason?: string): Promise<void>;
}

export async function startDaemon(
  config: Config,
  log: Logger = configureLogger(config.logLevel),
): Promise<Daemon> {
  await mkdir(config.root, { recursive: true, mode: 0o711 });
  await mkdir(config.state, { recursive: true, mode: 0o711 });
  // Taken before any store is opened: recovery and image GC must not run beside a `berth image`
  // command that owns the store, nor beside another berthd on the same root.
  const taken = await tryLockStore(config.root, {
    what: "berthd",
    socket: config.socket,
    adminSocket: adminSocketPath(config.state),
  });
  if (!taken.lock) {
    const h = taken.holder;
    throw new FailedPreconditionError(
      h?.what === "berthd"
        ? `${config.root} is already owned by another berthd (pid ${h.pid}, socket ${h.socket ?? "?"}); ${storeLockPath(config.root)} is locked`
        : `${config.root} is in use by ${describeHolder(h)}, which holds ${storeLockPath(config.root)}; start berthd once it has finished`,
    );
  }
  const storeLock: StoreLock = taken.lock;

  let handlers: Awaited<ReturnType<typeof createCriHandlers>>;
  let admin: AdminServer;
  try {
    const images = await openImages(config, log);
    handlers = await createCriHandlers({ config, log, images });
    admin = await startAdminServer({
      path: adminSocketPath(config.state),
      images,
      log: log.child({ component: "admin" }),
    }).catch(async (err: unknown) => {
      await handlers.close();
      throw err;
    });
  } catch (err) {
    await storeLock.release();
    throw err;
  }
  let cri: CriServer;
  try {
    cri = await startCriServer({ socket: config.socket, handlers, log });
  } catch (err) {
    await admin.close();
    await handlers.close();
    await storeLock.release();
    throw err;
  }
  let metrics: MetricsServer | undefined;
  try {
    if (config.metrics.enabled) metrics = await startMetricsServer({ address: config.metrics.address });
  } catch (err) {
    await cri.stop(0);
    await admin.close();
    await handlers.close();
    await storeLock.release();
    throw new Error(`cannot serve metrics on ${config.metrics.address}: ${errorMessage(err)}`);
  }
  log.info(
    {
      version: BERTH_VERSION,
      socket: config.socket,
      metrics: metrics?.address,
      root: config.root,
      state: config.state,
    },
    "berthd serving",
  );

  let stopping: Promise<void> | undefined;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => {
    resolveStopped = r;
  });
  const stop = (reason = "stop requested"): Promise<void> => {
    stopping ??= (async () => {
      log.info({ reason }, "berthd shutting down; containers keep running");
      await cri.stop(config.shutdownTimeout);
      await admin.close();
      await metrics?.close();
      await handlers.close();
      await storeLock.release();
      log.info("berthd stopped");
      resolveStopped();
    })();
    return stopping;
  };
  return { cri, metrics, stopped, stop };
}

/** Runs the daemon until SIGTERM/SIGINT. */
export async function runDaemon(config: Config): Promise<number> {
  tuneMemory();
  startIdleGc(answeredCalls);
  const log = configureLogger(config.logLevel);
  // Installed before "berthd serving" is logged: a supervisor may signal as soon as it reads that
  // line, and an unhandled SIGTERM would kill the process instead of shutting it down.
  let daemon: Daemon | undefined;
  let signalled: NodeJS.Signals | undefined;
  for (const sig of ["SIGTERM", "SIGINT"] as const) {
    process.once(sig, () => {
      signalled = sig;
      void daemon?.stop(sig);
    });
  }
  try {
    daemon = await startDaemon(config, log);
  } catch (err) {
    log.fatal({ error: errorMessage(err) }, "berthd cannot start");
    process.stderr.write(`berthd: ${errorMessage(err)}\n`);
    return 1;
  }
  // For people: logs are JSON on stdout, this banner goes to stderr.
  process.stderr.write(
    `berthd ${BERTH_VERSION} listening on unix://${config.socket}\n` +
      `  crictl --runtime-endpoint unix://${config.socket} version\n` +
      `  kubelet --container-runtime-endpoint=unix://${config.socket} ...\n`,
  );
  if (signalled) void daemon.stop(signalled);
  await daemon.stopped;
  return 0;
}
