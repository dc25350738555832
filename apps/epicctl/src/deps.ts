// What commands get from the outside world, passed in so tests can hold each part still.
import type { Cluster, ConnectOptions } from './cluster.js';

/** Where output goes. stdout carries results only; progress and warnings go to stderr. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: progress may redraw one line instead of printing many. */
  isTTY: boolean;
}

export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export interface Deps {
  io: Io;
  clock: Clock;
  /** Called by a command when it first needs the apiserver (never for --help or bad flags). */
  connect(options: ConnectOptions): Cluster;
  /** Print the stack trace after an error line (EPICCTL_DEBUG=1). */
  debug?: boolean;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
