import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AdmissionReviewRequest, admissionReview } from './admission-review.js';
import { reviewOf } from './review.js';
import { responseOf, invalid, verdictOf, conflict } from './verdict.js';
import { mutationResponse } from './mutate.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));

describe('AdmissionReview v1', () => {
  it('decodes a create as the apiserver sends it (creationTimestamp null and all)', () => {
    const { request } = AdmissionReviewRequest.parse(fixture('create-loadbalancer.review.json'));
    const result = reviewOf(request);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.review).toMatchObject({
      kind: 'LoadBalancer',
      operation: 'CREATE',
      namespace: 'epic-acme',
      name: 'shop',
      schemaProblems: [],
      user: { username: 'admin' },
    });
    expect(result.review.object?.kind).toBe('LoadBalancer');
    expect(result.review.rawObject).toEqual((request.object as object) ?? {});
  });

  it('leaves kinds of other groups alone', () => {
    const { request } = AdmissionReviewRequest.parse(fixture('create-loadbalancer.review.json'));
    const result = reviewOf({ ...request, kind: { group: '', version: 'v1', kind: 'Pod' } });
    expect(result).toEqual({ ok: false, reason: '/Pod is not an epic.acnodal.io kind' });
  });

  it.each([
    [{}, /apiVersion/],
    [
      { apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview', request: {} },
      /apiVersion/,
    ],
    [{ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'x' } }, /kind/],
  ])('refuses a malformed review %#', (body, issue) => {
    const parsed = AdmissionReviewRequest.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(issue);
  });

  it('answers allowed, denied (first problem decides the code) and patched', () => {
    expect(admissionReview(responseOf('u', verdictOf([], ['w'])))).toEqual({
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      response: { uid: 'u', allowed: true, warnings: ['w'] },
    });
    const denied = responseOf('u', verdictOf([conflict('a'), invalid('b')]));
    expect(denied).toEqual({
      uid: 'u',
      allowed: false,
      status: { code: 409, reason: 'Conflict', message: 'a; b' },
    });
    const patched = admissionReview(
      mutationResponse('u', { patch: [{ op: 'add', path: '/x', value: 1 }], warnings: [] }),
    ).response;
    expect(patched.patchType).toBe('JSONPatch');
    expect(JSON.parse(Buffer.from(patched.patch!, 'base64').toString())).toEqual([
      { op: 'add', path: '/x', value: 1 },
    ]);
  });

  it('refuses to build a response the apiserver would reject', () => {
    expect(() => admissionReview({ uid: '', allowed: true })).toThrow();
  });
});
