// What the validating webhook answers: the problems found (each a sentence naming the object,
// the field and the fix) and warnings. The first problem's code becomes the HTTP status the
// client sees, so the tenant API can tell "not allowed" from "conflict" without parsing text.
import type { AdmissionResponse } from './admission-review.js';

export type ProblemCode = 'invalid' | 'forbidden' | 'conflict' | 'unavailable';

export interface Problem {
  code: ProblemCode;
  message: string;
}

export interface Verdict {
  problems: Problem[];
  warnings: string[];
}

export const invalid = (message: string): Problem => ({ code: 'invalid', message });
export const forbidden = (message: string): Problem => ({ code: 'forbidden', message });
export const conflict = (message: string): Problem => ({ code: 'conflict', message });
export const unavailable = (message: string): Problem => ({ code: 'unavailable', message });

/** A verdict with these problems (none: allowed) and warnings. */
export function verdictOf(problems: Problem[], warnings: string[] = []): Verdict {
  return { problems, warnings };
}

const statusOf: Record<ProblemCode, { code: number; reason: string }> = {
  invalid: { code: 422, reason: 'Invalid' },
  forbidden: { code: 403, reason: 'Forbidden' },
  conflict: { code: 409, reason: 'Conflict' },
  unavailable: { code: 503, reason: 'ServiceUnavailable' },
};

export function isAllowed(verdict: Verdict): boolean {
  return verdict.problems.length === 0;
}

/** The AdmissionResponse of a verdict; problems are joined in the order they were found. */
export function responseOf(uid: string, verdict: Verdict): AdmissionResponse {
  const [first] = verdict.problems;
  const warnings = verdict.warnings.length > 0 ? { warnings: [...verdict.warnings] } : {};
  if (!first) return { uid, allowed: true, ...warnings };
  return {
    uid,
    allowed: false,
    status: {
      ...statusOf[first.code],
      message: verdict.problems.map((p) => p.message).join('; '),
    },
    ...warnings,
  };
}
