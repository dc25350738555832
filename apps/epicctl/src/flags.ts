// Flag value parsers for commander's argParser. They throw InvalidArgumentError, which
// commander reports as "option '--x <v>' argument 'y' is invalid. <why>" (exit code 2).
import { InvalidArgumentError } from 'commander';
import { z } from 'zod';

export const outputFormats = ['table', 'json', 'yaml'] as const;
export const OutputFormat = z.enum(outputFormats);
export type OutputFormat = z.infer<typeof OutputFormat>;

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `500ms`, `30s`, `2m`, `1h`, or a bare number of seconds -> milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m?.[1]) {
    throw new InvalidArgumentError('Expected a duration like 30s, 2m, 500ms or 1h.');
  }
  return Math.round(Number(m[1]) * (durationUnits[m[2] ?? 's'] ?? 1000));
}

/** How a duration reads in messages: `500ms`, `1.5s`, `45s`, `2m`, `1m30s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))}s`;
  const seconds = Math.round(ms / 1000);
  const rest = seconds % 60;
  return `${Math.floor(seconds / 60)}m${rest === 0 ? '' : `${rest}s`}`;
}

/** A whole number in [min, max]. */
export function integerParser(min: number, max: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^-?\d+$/.test(text.trim()) || value < min || value > max) {
      throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
    }
    return value;
  };
}
