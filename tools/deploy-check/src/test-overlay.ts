// The overlay the install test renders on top of deploy/kustomize/base, so a real install can
// share the apiserver with everyone else's tests: its own namespace instead of `epic`, a unique
// suffix on every cluster-scoped name (ClusterRoles, bindings, webhook configurations), a label
// to find and delete all of it, no cert-manager, and no pods: Deployments at zero replicas and
// the DaemonSet selecting no node (the images are not built here, the stack's nodes are KWOK's,
// and pods labelled part-of=epic are watched by the ingest other tests run).
import { stringify } from 'yaml';

export const testRunLabel = 'epic.acnodal.io/deploy-check';

export interface TestOverlayOptions {
  namespace: string;
  /** Appended to cluster-scoped names, e.g. `-t-deploy-1a2b3c4d`. */
  suffix: string;
  /** Paths relative to the overlay's directory. */
  base: string;
  components: readonly string[];
}

export function testOverlay(options: TestOverlayOptions): string {
  const clusterScoped = [
    'ClusterRole',
    'ClusterRoleBinding',
    'MutatingWebhookConfiguration',
    'ValidatingWebhookConfiguration',
  ];
  const uniqueNames = {
    apiVersion: 'builtin',
    kind: 'PrefixSuffixTransformer',
    metadata: { name: 'unique-cluster-names' },
    suffix: options.suffix,
    fieldSpecs: clusterScoped.map((kind) => ({ kind, path: 'metadata/name' })),
  };
  return stringify({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: options.namespace,
    resources: [options.base],
    components: options.components,
    labels: [{ pairs: { [testRunLabel]: options.namespace }, includeSelectors: false }],
    transformers: [stringify(uniqueNames)],
    patches: [
      {
        target: { kind: 'Deployment' },
        patch: stringify([{ op: 'add', path: '/spec/replicas', value: 0 }]),
      },
      {
        target: { kind: 'DaemonSet' },
        patch: stringify([
          {
            op: 'add',
            path: `/spec/template/spec/nodeSelector/${testRunLabel.replace('/', '~1')}`,
            value: 'no-such-node',
          },
        ]),
      },
    ],
  });
}
