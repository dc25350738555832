// A proxy's Envoy Deployment and its bootstrap ConfigMap, as server-side apply bodies: every
// field here is owned by envoy-renderer's field manager, and nothing else is sent.
import { contentHash, type JsonValue } from '@epic/envoy-render';
import { bootstrapText, renderBootstrap } from './bootstrap.js';
import {
  bootstrapDir,
  bootstrapKey,
  envoyLabels,
  podHashAnnotation,
  selectorLabels,
} from './envoy-names.js';
import type { EnvoyChoice } from './envoy-choice.js';
import type {
  ConfigMapManifest,
  ContainerManifest,
  DeploymentManifest,
  ManifestMeta,
  PodTemplateManifest,
} from './manifests.js';
import {
  containerPorts,
  containerSecurityContext,
  lowestPrivilegedPort,
  podSecurityContext,
} from './pod-security.js';
import type { EnvoyPodSettings } from './pod-settings.js';
import { ownerReferenceTo, type ProxySource } from './proxy-source.js';

export interface EnvoyManifests {
  deployment: DeploymentManifest;
  configMap: ConfigMapManifest;
  /** The pod template's `epic.acnodal.io/envoy-pod-hash`: pods carrying it are current. */
  podHash: string;
}

export interface RenderInput {
  proxy: ProxySource;
  choice: EnvoyChoice;
  /** The Deployment's (and ConfigMap's) name. */
  name: string;
  settings: EnvoyPodSettings;
}

function metaOf(input: RenderInput): ManifestMeta {
  return {
    name: input.name,
    namespace: input.proxy.namespace,
    labels: envoyLabels(input.proxy, input.choice.group),
    ownerReferences: [ownerReferenceTo(input.proxy)],
  };
}

function envoyContainer(input: RenderInput): ContainerManifest {
  const { choice, settings, proxy } = input;
  const ports = containerPorts(proxy.ports, settings);
  return {
    name: 'envoy',
    image: choice.image,
    imagePullPolicy: 'IfNotPresent',
    // Arguments only, no command: the image's entrypoint (the official one and EPIC's) runs
    // `envoy` when the first argument is an option.
    args: [
      '-c',
      `${bootstrapDir}/${bootstrapKey}`,
      '--disable-hot-restart',
      '--log-level',
      settings.logLevel,
    ],
    ports,
    readinessProbe: {
      httpGet: { path: '/ready', port: settings.readyPort, scheme: 'HTTP' },
      periodSeconds: 5,
      timeoutSeconds: 1,
      failureThreshold: 3,
    },
    resources: settings.resources,
    securityContext: containerSecurityContext(lowestPrivilegedPort(ports)),
    volumeMounts: [
      { name: 'bootstrap', mountPath: bootstrapDir, readOnly: true },
      // Envoy writes nothing else, but the admin's profiler and core tools expect a /tmp.
      { name: 'tmp', mountPath: '/tmp' },
    ],
  };
}

function podTemplate(input: RenderInput, podHash: string): PodTemplateManifest {
  const { settings } = input;
  const container = envoyContainer(input);
  return {
    metadata: {
      labels: envoyLabels(input.proxy, input.choice.group),
      annotations: { [podHashAnnotation]: podHash },
    },
    spec: {
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      securityContext: podSecurityContext(settings, lowestPrivilegedPort(container.ports)),
      ...(settings.nodeSelector ? { nodeSelector: settings.nodeSelector } : {}),
      ...(settings.tolerations?.length ? { tolerations: settings.tolerations } : {}),
      containers: [container],
      volumes: [
        { name: 'bootstrap', configMap: { name: input.name } },
        { name: 'tmp', emptyDir: {} },
      ],
    },
  };
}

/**
 * The hash covers the pod template and the bootstrap text: Envoy reads its bootstrap only at
 * start, so a bootstrap change must roll the pods just like an image change does.
 */
function podHashOf(input: RenderInput, bootstrap: string): string {
  const unhashed = podTemplate(input, '');
  return contentHash({ template: unhashed, bootstrap } as unknown as JsonValue);
}

/** The Deployment and ConfigMap for a proxy whose Envoy image and replicas are chosen. */
export function renderEnvoyManifests(input: RenderInput): EnvoyManifests {
  const bootstrap = bootstrapText(renderBootstrap(input.proxy, input.settings));
  const podHash = podHashOf(input, bootstrap);
  return {
    podHash,
    configMap: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: metaOf(input),
      data: { [bootstrapKey]: bootstrap },
    },
    deployment: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: metaOf(input),
      spec: {
        replicas: input.choice.replicas,
        // Each proxy keeps a few old ReplicaSets for `rollout undo`, not ten: 10,000 proxies.
        revisionHistoryLimit: 3,
        selector: { matchLabels: selectorLabels(input.proxy) },
        // A new pod is ready before an old one goes: a proxy never drops below its replicas.
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        template: podTemplate(input, podHash),
      },
    },
  };
}
