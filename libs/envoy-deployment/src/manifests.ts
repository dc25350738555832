// The Kubernetes objects this lib writes, as plain wire-format JSON (what `kubectl apply` sends).
// Only the fields we set are typed: a pure lib may not import @kubernetes/client-node, and a
// server-side apply body should carry exactly the fields its manager owns, nothing defaulted.

export type Labels = Readonly<Record<string, string>>;

export interface OwnerReferenceManifest {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: true;
  blockOwnerDeletion: true;
}

export interface ManifestMeta {
  name: string;
  namespace: string;
  labels: Labels;
  annotations?: Labels;
  ownerReferences: OwnerReferenceManifest[];
}

export interface ContainerPortManifest {
  name?: string;
  containerPort: number;
  protocol: 'TCP' | 'UDP' | 'SCTP';
}

export interface ResourceList {
  cpu?: string;
  memory?: string;
}

export interface ResourceRequirements {
  requests: ResourceList;
  limits: ResourceList;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
}

export interface ContainerSecurityContext {
  runAsNonRoot: true;
  privileged: false;
  allowPrivilegeEscalation: false;
  readOnlyRootFilesystem: true;
  capabilities: { drop: ['ALL']; add?: string[] };
}

export interface PodSecurityContext {
  runAsNonRoot: true;
  runAsUser: number;
  runAsGroup: number;
  seccompProfile: { type: 'RuntimeDefault' };
  sysctls?: { name: string; value: string }[];
}

export interface ContainerManifest {
  name: string;
  image: string;
  imagePullPolicy: 'IfNotPresent';
  args: string[];
  ports: ContainerPortManifest[];
  readinessProbe: {
    httpGet: { path: string; port: number; scheme: 'HTTP' };
    periodSeconds: number;
    timeoutSeconds: number;
    failureThreshold: number;
  };
  resources: ResourceRequirements;
  securityContext: ContainerSecurityContext;
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
}

export interface PodTemplateManifest {
  metadata: { labels: Labels; annotations: Labels };
  spec: {
    automountServiceAccountToken: false;
    enableServiceLinks: false;
    securityContext: PodSecurityContext;
    nodeSelector?: Labels;
    tolerations?: Toleration[];
    containers: [ContainerManifest];
    volumes: (
      | { name: string; configMap: { name: string } }
      | { name: string; emptyDir: Record<string, never> }
    )[];
  };
}

export interface DeploymentManifest {
  apiVersion: 'apps/v1';
  kind: 'Deployment';
  metadata: ManifestMeta;
  spec: {
    replicas: number;
    revisionHistoryLimit: number;
    selector: { matchLabels: Labels };
    strategy: {
      type: 'RollingUpdate';
      rollingUpdate: { maxSurge: number; maxUnavailable: number };
    };
    template: PodTemplateManifest;
  };
}

export interface ConfigMapManifest {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: ManifestMeta;
  data: Record<string, string>;
}
