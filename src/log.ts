import { type LevelWithSilent, type Logger, pino } from "pino";

export type { Logger };

let root: Logger = pino({ level: process.env.BERTH_LOG_LEVEL ?? "info", base: { pid: process.pid } });

/** The process-wide structured logger (JSON lines on stderr's sibling, stdout). */
export function logger(): Logger {
  return root;
}

/** Replaces the root logger: the daemon calls this once the configuration is known. */
export function configureLogger(level: LevelWithSilent, destination?: NodeJS.WritableStream): Logger {
  root = destination
    ? pino({ level, base: { pid: process.pid } }, destination)
    : pino({ level, base: { pid: process.pid } });
  return root;
}

/** A child logger carrying a component name, e.g. `childLogger("image")`. */
export function childLogger(component: string): Logger {
  return root.child({ component });
}
