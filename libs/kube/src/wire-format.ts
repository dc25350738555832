import { loadYaml } from '@kubernetes/client-node';

/**
 * client-node's typed APIs serialize THEIR model objects (`x_kubernetes_validations`), and
 * silently drop wire-format keys (`x-kubernetes-validations`) they do not map. Objects we
 * build or read as YAML/JSON are in wire format, so they go through client-node's own
 * deserializer first (JSON is YAML, and loadYaml is its public entry to that deserializer).
 */
export function fromWireFormat<T>(obj: object): T {
  return loadYaml<T>(JSON.stringify(obj));
}
