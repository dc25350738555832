// ProxyReady from the pods: a table of pod sets, then the condition each gives.
import { describe, expect, it } from 'vitest';
import { countPods, proxyReadyCondition, refusedCondition } from './readiness.js';
import { pod } from './testdata/builders.js';

const current = 'c0ffee00c0ffee00';
const old = 'beefbeefbeefbeef';
const deploymentName = 'envoy-web';

describe('proxyReadyCondition', () => {
  it.each([
    {
      when: 'every wanted replica runs the current spec and is Ready',
      desired: 2,
      pods: [pod(current, true), pod(current, true)],
      expected: {
        status: 'True',
        reason: 'Available',
        message: '2 of 2 Envoy replicas ready (Deployment envoy-web).',
      },
    },
    {
      when: 'one replica, ready',
      desired: 1,
      pods: [pod(current, true)],
      expected: {
        status: 'True',
        reason: 'Available',
        message: '1 of 1 Envoy replica ready (Deployment envoy-web).',
      },
    },
    {
      when: 'no pods yet',
      desired: 2,
      pods: [],
      expected: {
        status: 'False',
        reason: 'ReplicasNotReady',
        message: '0 of 2 Envoy replicas ready (Deployment envoy-web).',
      },
    },
    {
      when: 'one of two is not Ready',
      desired: 2,
      pods: [pod(current, true), pod(current, false)],
      expected: {
        status: 'False',
        reason: 'ReplicasNotReady',
        message: '1 of 2 Envoy replicas ready (Deployment envoy-web).',
      },
    },
    {
      when: 'scaled up and the new replica is still starting',
      desired: 3,
      pods: [pod(current, true), pod(current, true), pod(current, false)],
      expected: {
        status: 'False',
        reason: 'ReplicasNotReady',
        message: '2 of 3 Envoy replicas ready (Deployment envoy-web).',
      },
    },
    {
      when: 'scaled down: the replica being deleted does not count',
      desired: 1,
      pods: [pod(current, true), pod(current, true, true)],
      expected: {
        status: 'True',
        reason: 'Available',
        message: '1 of 1 Envoy replica ready (Deployment envoy-web).',
      },
    },
    {
      when: 'a new image is rolling out: old Ready pods are not counted',
      desired: 2,
      pods: [pod(old, true), pod(old, true), pod(current, false)],
      expected: {
        status: 'False',
        reason: 'RollingOut',
        message:
          'Rolling out Deployment envoy-web: 0 of 2 Envoy replicas run the current pod spec and are ready.',
      },
    },
    {
      when: 'the rollout is done but an old pod has not been told to go yet',
      desired: 2,
      pods: [pod(old, true), pod(current, true), pod(current, true)],
      expected: {
        status: 'True',
        reason: 'Available',
        message: '2 of 2 Envoy replicas ready (Deployment envoy-web).',
      },
    },
    {
      when: 'scaled to zero',
      desired: 0,
      pods: [],
      expected: {
        status: 'False',
        reason: 'ScaledToZero',
        message: 'envoy-replica-count is 0: Deployment envoy-web runs no Envoy replicas.',
      },
    },
  ])('$when', ({ desired, pods, expected }) => {
    const condition = proxyReadyCondition({
      proxy: { generation: 7 },
      deploymentName,
      desiredReplicas: desired,
      podHash: current,
      pods,
    });
    expect(condition).toEqual({ type: 'ProxyReady', observedGeneration: 7, ...expected });
  });

  it('reads typed pods too: Date deletion timestamps, pods without status', () => {
    const typed = [
      { metadata: { annotations: { 'epic.acnodal.io/envoy-pod-hash': current } } },
      {
        metadata: {
          annotations: { 'epic.acnodal.io/envoy-pod-hash': current },
          deletionTimestamp: new Date(),
        },
        status: { conditions: [{ type: 'Ready', status: 'True' }] },
      },
      { metadata: {}, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
    ];
    expect(countPods(typed, current)).toEqual({ currentReady: 0, old: 1 });
  });

  it('leaves out observedGeneration when the proxy has none', () => {
    const condition = proxyReadyCondition({
      proxy: {},
      deploymentName,
      desiredReplicas: 1,
      podHash: current,
      pods: [],
    });
    expect(condition).not.toHaveProperty('observedGeneration');
  });
});

describe('refusedCondition', () => {
  it('says why there is no Deployment', () => {
    expect(
      refusedCondition({ generation: 2 }, { reason: 'EnvoyImageMissing', message: 'No image.' }),
    ).toEqual({
      type: 'ProxyReady',
      status: 'False',
      reason: 'EnvoyImageMissing',
      message: 'No image.',
      observedGeneration: 2,
    });
  });
});
