// The GUE tunnel key generated at create: base64 of 128 random bits. The bytes come from the
// caller (the app passes crypto.randomBytes), so tests hold them still.
import { tunnelKeyPattern } from '@epic/model';

export const tunnelKeyBytes = 16;

export function tunnelKeyFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== tunnelKeyBytes) {
    throw new Error(`a tunnel key needs ${tunnelKeyBytes} random bytes, got ${bytes.length}`);
  }
  const key = Buffer.from(bytes).toString('base64');
  if (!tunnelKeyPattern.test(key)) throw new Error('tunnel key encoding does not match the CRD');
  return key;
}
