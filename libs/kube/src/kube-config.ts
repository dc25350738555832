import { KubeConfig } from '@kubernetes/client-node';

/**
 * The kubeconfig every process uses: an explicit path (the stack writes .stack/kubeconfig,
 * exported as KUBECONFIG), else client-node's defaults (in-cluster service account, ~/.kube).
 */
export function loadKubeConfig(path?: string): KubeConfig {
  const kc = new KubeConfig();
  if (path) kc.loadFromFile(path);
  else kc.loadFromDefault();
  return kc;
}
