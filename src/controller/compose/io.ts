// Where compose commands write, and how they wait: injectable so tests run them in-process.

export interface Output {
  write(text: string): unknown;
}

export interface ComposeIO {
  stdout: Output;
  stderr: Output;
  /** Whether stdout is a terminal: `up` then redraws one table instead of printing lines. */
  tty: boolean;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}
