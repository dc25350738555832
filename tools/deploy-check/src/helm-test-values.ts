// The values the install test gives deploy/helm/epic, so a real `helm install` can share the
// apiserver with everyone else's tests (the chart's counterpart of test-overlay.ts): a unique
// suffix on every name the chart creates, no webhook configurations (they would receive every
// other test's writes), a generated certificate (the stack has no cert-manager), and no pods:
// every Deployment at zero replicas and the DaemonSet selecting no node (the images are not
// built here, and pods labelled part-of=epic are watched by the ingest other tests run).
import { testRunLabel } from './test-overlay.js';

/** The values keys of the apps that run as Deployments. */
export const deploymentValueKeys: readonly string[] = [
  'ingest',
  'idAllocator',
  'addressAllocator',
  'envoyRenderer',
  'xdsServer',
  'tunnelDispatcher',
  'admission',
  'audit',
];

export function testInstallValues(suffix: string): Record<string, unknown> {
  return {
    nameSuffix: suffix,
    webhooks: { register: false, certificate: 'generated' },
    ...Object.fromEntries(deploymentValueKeys.map((key) => [key, { replicas: 0 }])),
    tunnelAgent: { nodeSelector: { [testRunLabel]: 'no-such-node' } },
  };
}
