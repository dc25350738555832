// Names, labels and marks of what envoy-renderer makes for a proxy. The pod labels are the
// original's (ingest recognises Envoy pods by them); the selector holds only labels that never
// change for a proxy, because a Deployment's selector is immutable.
import {
  componentLabel,
  controllerFinalizer,
  envoyDeploymentName,
  owningLBServiceGroupLabel,
  partOfLabel,
  partOfValue,
} from '@epic/model';
import type { Labels } from './manifests.js';
import { owningLabelOf, type ProxySource } from './proxy-source.js';

/**
 * envoy-renderer's finalizer on LoadBalancers and GWProxies, released once their Envoy is gone:
 * the reference's `epic.acnodal.io/controller`, which the admission webhook already adds at
 * create (so no proxy is ever deleted before the renderer could hold it).
 */
export const envoyRendererFinalizer = controllerFinalizer;

/** The field manager of every server-side apply envoy-renderer sends. */
export const envoyRendererFieldManager = 'envoy-renderer';

/** `app.kubernetes.io/component` of Envoy pods (the original's `HasEnvoyLabels`). */
export const envoyComponent = 'envoy-deployment';

/**
 * On the pod template: a hash of the pod spec and the bootstrap it mounts. A bootstrap change
 * alone must roll the pods (Envoy reads its bootstrap once, at start), and the readiness count
 * tells current pods from old ones by it.
 */
export const podHashAnnotation = 'epic.acnodal.io/envoy-pod-hash';

/** The key of the bootstrap in the ConfigMap, and so the file name in the pod. */
export const bootstrapKey = 'bootstrap.json';
export const bootstrapDir = '/etc/envoy/bootstrap';

const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const labelValueMaxLength = 63;

/** Why `value` cannot be a label value, or undefined when it can. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > labelValueMaxLength)
    return `it is longer than ${labelValueMaxLength} characters`;
  if (value === '' || !labelValue.test(value)) return 'it is not a valid label value';
  return undefined;
}

/**
 * The Deployment's name, `envoy-<name>`, cleaned and shortened with a hash when it must be
 * (@epic/model envoyDeploymentName). The bootstrap ConfigMap has the same name: another kind,
 * so no clash, and `kubectl get cm,deploy envoy-<name>` shows both.
 */
export function envoyObjectName(proxy: Pick<ProxySource, 'name'>): string {
  return envoyDeploymentName(proxy.name);
}

/** The labels a proxy's Deployment selects its pods by; never change for one proxy. */
export function selectorLabels(proxy: Pick<ProxySource, 'kind' | 'name'>): Labels {
  return {
    [partOfLabel]: partOfValue,
    [componentLabel]: envoyComponent,
    [owningLabelOf[proxy.kind]]: proxy.name,
  };
}

/** Pod (and Deployment, ConfigMap) labels: the selector's plus the service group. */
export function envoyLabels(proxy: Pick<ProxySource, 'kind' | 'name'>, group: string): Labels {
  return { ...selectorLabels(proxy), [owningLBServiceGroupLabel]: group };
}

/** `key=value,...`: the selector as a list call's labelSelector. */
export function labelSelectorText(labels: Labels): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
