// An error as one line for logs and condition messages: its message and its causes'.
import { apiErrorMessage } from '@epic/kube';

export function errorText(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  while (current !== undefined && parts.length < 5) {
    parts.push(current instanceof Error ? current.message : apiErrorMessage(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(': ');
}
