// One AdmissionReview in, one out: decode (zod), read the facts the decision needs, decide with
// @epic/admission-rules, count and log. Objects are never logged (a tunnel-key is a secret).
import {
  AdmissionReviewRequest,
  admissionReview,
  describeReview,
  factQueries,
  mutateReview,
  mutationResponse,
  responseOf,
  reviewOf,
  unavailable,
  validateReview,
  verdictOf,
  type AdmissionResponse,
  type AdmissionReviewResponse,
  type FactQueries,
  type Facts,
  type Review,
  type ValidationPolicy,
  type Webhook,
} from '@epic/admission-rules';
import type { Logger } from '@epic/logging';
import type { AdmissionMetrics, Verdict } from './admission-metrics.js';

export interface ReviewHandlerDeps {
  readFacts: (queries: FactQueries) => Promise<Facts>;
  policy: ValidationPolicy;
  newTunnelKey: () => string;
  metrics: AdmissionMetrics;
  logger: Logger;
}

export type HandlerResult =
  { status: 200; body: AdmissionReviewResponse } | { status: 400; body: { error: string } };

function verdictOfResponse(response: AdmissionResponse): Verdict {
  if (!response.allowed) return 'denied';
  return response.patch ? 'patched' : 'allowed';
}

async function decide(webhook: Webhook, review: Review, deps: ReviewHandlerDeps) {
  const facts = await deps.readFacts(factQueries(review, webhook));
  if (webhook === 'mutate') {
    return mutationResponse(
      review.uid,
      mutateReview({ review, facts, newTunnelKey: deps.newTunnelKey }),
    );
  }
  return responseOf(review.uid, validateReview(review, facts, deps.policy));
}

function failed(review: Review, err: unknown, deps: ReviewHandlerDeps): AdmissionResponse {
  deps.logger.error({ err, request: describeReview(review) }, 'admission decision failed');
  const why = err instanceof Error ? err.message : String(err);
  return responseOf(
    review.uid,
    verdictOf([
      unavailable(`EPIC admission could not check ${describeReview(review)} (${why}): retry`),
    ]),
  );
}

export async function handleReview(
  webhook: Webhook,
  body: unknown,
  deps: ReviewHandlerDeps,
): Promise<HandlerResult> {
  const parsed = AdmissionReviewRequest.safeParse(body);
  if (!parsed.success) {
    const error = `not an admission.k8s.io/v1 AdmissionReview: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
    deps.logger.warn({ webhook, error }, 'malformed admission request');
    return { status: 400, body: { error } };
  }
  const { request } = parsed.data;
  const decoded = reviewOf(request);
  if (!decoded.ok) {
    // Misconfigured rules sent us a kind we do not judge: never block it.
    deps.logger.warn({ webhook, reason: decoded.reason }, 'request for a foreign kind allowed');
    return { status: 200, body: admissionReview({ uid: request.uid, allowed: true }) };
  }
  const review = decoded.review;
  const labels = { webhook, kind: review.kind, operation: review.operation };
  const stop = deps.metrics.seconds.startTimer(labels);
  const response = await decide(webhook, review, deps).catch((err: unknown) =>
    failed(review, err, deps),
  );
  stop();
  const verdict = response.status?.code === 503 ? 'error' : verdictOfResponse(response);
  deps.metrics.requests.inc({ ...labels, verdict });
  const line = { webhook, request: describeReview(review), dryRun: review.dryRun, verdict };
  if (verdict === 'denied')
    deps.logger.info({ ...line, message: response.status?.message }, 'denied');
  else deps.logger.debug(line, 'admitted');
  return { status: 200, body: admissionReview(response) };
}
