import { z } from 'zod';

/** `a, b,,c ` -> `['a', 'b', 'c']`: blanks around an entry and empty entries are dropped. */
export function splitCommaList(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/**
 * A comma-separated list of names in one variable (`EPIC_*_NAMESPACES`,
 * `EPIC_ADDRESS_SERVICE_PREFIXES`); unset or empty is the empty list.
 */
export const nameList = z.string().default('').transform(splitCommaList);
