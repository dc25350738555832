import type { CreateLoggerOptions } from '@epic/logging';

/** A log destination whose lines a test reads back, parsed. */
export function capturedLines(): {
  lines: Record<string, unknown>[];
  destination: NonNullable<CreateLoggerOptions['destination']>;
} {
  const lines: Record<string, unknown>[] = [];
  const write = (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>);
  return { lines, destination: { write } };
}
