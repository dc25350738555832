// The GUE tunnel key of a LoadBalancer / GWProxy: base64 of exactly 128 bits. 16 bytes encode
// to 22 significant characters + "==", and the 22nd carries only 2 data bits, so it is one of
// A, Q, g, w; the pattern rejects any other length or padding.
import { z } from 'zod';

export const tunnelKeyPattern = /^[A-Za-z0-9+/]{21}[AQgw]==$/;

export const TunnelKey = z
  .string()
  .regex(tunnelKeyPattern)
  .meta({
    description:
      "Base64 of 128 random bits that authenticates the client's GUE traffic; generated at create when absent.",
  });
