import { describe, expect, it } from 'vitest';
import {
  controllerFinalizer,
  gwProxyAgentFinalizer,
  loadBalancerAgentFinalizer,
  owningLBServiceGroupLabel,
  userNamespaceLabels,
} from './labels.js';

// A finalizer is a qualified name: optional DNS-subdomain prefix and '/', then a name part of at
// most 63 characters.
function isQualifiedName(value: string): boolean {
  const [prefix, name] = value.includes('/') ? value.split('/') : [undefined, value];
  const namePart = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
  const subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
  const prefixOk = prefix === undefined || (prefix.length <= 253 && subdomain.test(prefix));
  return prefixOk && name !== undefined && name.length <= 63 && namePart.test(name);
}

describe('labels and finalizers', () => {
  it('keeps the original names', () => {
    expect(owningLBServiceGroupLabel).toBe('epic.acnodal.io/owning-lbservicegroup');
    expect(controllerFinalizer).toBe('epic.acnodal.io/controller');
    expect(userNamespaceLabels).toEqual({
      'app.kubernetes.io/component': 'user-namespace',
      'app.kubernetes.io/part-of': 'epic',
    });
  });

  it.each([
    [
      'node-a',
      'node-a.lb.controller-manager.acnodal.io/finalizer',
      'node-a.gwp.node-agent.epic.acnodal.io',
    ],
    [
      'epic1.example.com',
      'epic1.example.com.lb.controller-manager.acnodal.io/finalizer',
      'epic1.example.com.gwp.node-agent.epic.acnodal.io',
    ],
  ])('agent finalizers of node %s', (node, lb, gwp) => {
    expect(loadBalancerAgentFinalizer(node)).toBe(lb);
    expect(gwProxyAgentFinalizer(node)).toBe(gwp);
  });

  it.each([
    'node-a',
    'n'.repeat(32),
    'n'.repeat(33),
    'ip-10-0-0-1.eu-west-1.compute.internal',
    'x'.repeat(253),
  ])('agent finalizers of node %s are valid qualified names', (node) => {
    expect(isQualifiedName(loadBalancerAgentFinalizer(node))).toBe(true);
    expect(isQualifiedName(gwProxyAgentFinalizer(node))).toBe(true);
  });

  it('keeps the finalizers of two long node names apart', () => {
    const a = `${'n'.repeat(40)}-a`;
    const b = `${'n'.repeat(40)}-b`;
    expect(gwProxyAgentFinalizer(a)).not.toBe(gwProxyAgentFinalizer(b));
  });
});
