// The Kubernetes objects envoy-renderer makes for a proxy (Deployment, ConfigMap) and the pods
// it counts. Writes are server-side apply under the field manager `envoy-renderer`: one request
// states every field we own, whatever the object held, so a replica or image change and a
// re-run after a crash are the same call; a no-op apply writes nothing (resourceVersion stays).
import {
  AppsV1Api,
  CoreV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  type KubeConfig,
  type V1ConfigMap,
  type V1Deployment,
  type V1Pod,
} from '@kubernetes/client-node';
import {
  envoyRendererFieldManager,
  type ConfigMapManifest,
  type DeploymentManifest,
} from '@epic/envoy-deployment';
import { fromWireFormat, isApiError, orAbsent, type ObjectRef } from '@epic/kube';

export type EnvoyObjectKind = 'Deployment' | 'ConfigMap';

export class EnvoyObjects {
  private readonly apps: AppsV1Api;
  private readonly core: CoreV1Api;
  private readonly objects: KubernetesObjectApi;

  constructor(kc: KubeConfig) {
    this.apps = kc.makeApiClient(AppsV1Api);
    this.core = kc.makeApiClient(CoreV1Api);
    this.objects = KubernetesObjectApi.makeApiClient(kc);
  }

  getDeployment(ref: ObjectRef): Promise<V1Deployment | undefined> {
    return orAbsent(this.apps.readNamespacedDeployment(ref));
  }

  getConfigMap(ref: ObjectRef): Promise<V1ConfigMap | undefined> {
    return orAbsent(this.core.readNamespacedConfigMap(ref));
  }

  /**
   * Server-side apply, forced: fields another manager set on what we own (a `kubectl scale`)
   * come back to what the proxy says; fields we do not send stay theirs.
   */
  async apply<T extends V1Deployment | V1ConfigMap>(
    manifest: DeploymentManifest | ConfigMapManifest,
  ): Promise<T> {
    const { kind, metadata } = manifest;
    try {
      return await this.objects.patch(
        fromWireFormat<T>(manifest),
        undefined,
        undefined,
        envoyRendererFieldManager,
        true,
        PatchStrategy.ServerSideApply,
      );
    } catch (err) {
      throw new Error(`applying ${kind} ${metadata.namespace}/${metadata.name}`, { cause: err });
    }
  }

  /**
   * Deletes the object if it is still the one we looked at (uid precondition); its ReplicaSets
   * and pods follow in the background. True when it was there to delete.
   */
  async delete(kind: EnvoyObjectKind, ref: ObjectRef, uid: string): Promise<boolean> {
    const body = { propagationPolicy: 'Background', preconditions: { uid } };
    const call =
      kind === 'Deployment'
        ? () => this.apps.deleteNamespacedDeployment({ ...ref, body })
        : () => this.core.deleteNamespacedConfigMap({ ...ref, body });
    try {
      await call();
      return true;
    } catch (err) {
      // 404: gone already; 409: a namesake replaced it, which is not ours to delete.
      if (isApiError(err, 404) || isApiError(err, 409)) return false;
      throw new Error(`deleting ${kind} ${ref.namespace}/${ref.name}`, { cause: err });
    }
  }

  async listPods(namespace: string, labelSelector: string): Promise<V1Pod[]> {
    return (await this.core.listNamespacedPod({ namespace, labelSelector })).items;
  }
}
