// admission.k8s.io/v1 AdmissionReview, as the kube-apiserver sends it and expects it back. Parsed
// with zod at the HTTP boundary; the response is built here and checked by the same schemas, so
// a malformed answer fails in our tests instead of as "failed calling webhook" in a cluster.
import { z } from 'zod';

export const admissionApiVersion = 'admission.k8s.io/v1';

export const UserInfo = z.object({
  username: z.string().optional(),
  uid: z.string().optional(),
  groups: z.array(z.string()).optional(),
  extra: z.record(z.string(), z.array(z.string())).optional(),
});
export type UserInfo = z.infer<typeof UserInfo>;

export const Operation = z.enum(['CREATE', 'UPDATE', 'DELETE', 'CONNECT']);
export type Operation = z.infer<typeof Operation>;

export const AdmissionRequest = z.looseObject({
  uid: z.string().min(1),
  kind: z.object({ group: z.string(), version: z.string(), kind: z.string() }),
  resource: z.object({ group: z.string(), version: z.string(), resource: z.string() }),
  subResource: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
  operation: Operation,
  userInfo: UserInfo,
  // null on DELETE (object) and on CREATE (oldObject).
  object: z.unknown().optional(),
  oldObject: z.unknown().optional(),
  dryRun: z.boolean().optional(),
});
export type AdmissionRequest = z.infer<typeof AdmissionRequest>;

export const AdmissionReviewRequest = z.object({
  apiVersion: z.literal(admissionApiVersion),
  kind: z.literal('AdmissionReview'),
  request: AdmissionRequest,
});
export type AdmissionReviewRequest = z.infer<typeof AdmissionReviewRequest>;

export const AdmissionResponse = z.strictObject({
  uid: z.string().min(1),
  allowed: z.boolean(),
  status: z
    .strictObject({
      code: z.int().min(400).max(599),
      reason: z.string().optional(),
      message: z.string().min(1),
    })
    .optional(),
  patchType: z.literal('JSONPatch').optional(),
  /** base64 of the JSON array of RFC 6902 operations. */
  patch: z.base64().optional(),
  warnings: z.array(z.string()).optional(),
});
export type AdmissionResponse = z.infer<typeof AdmissionResponse>;

export const AdmissionReviewResponse = z.strictObject({
  apiVersion: z.literal(admissionApiVersion),
  kind: z.literal('AdmissionReview'),
  response: AdmissionResponse,
});
export type AdmissionReviewResponse = z.infer<typeof AdmissionReviewResponse>;

/** The review to send back; throws if we built something the apiserver would not accept. */
export function admissionReview(response: AdmissionResponse): AdmissionReviewResponse {
  return AdmissionReviewResponse.parse({
    apiVersion: admissionApiVersion,
    kind: 'AdmissionReview',
    response,
  });
}
