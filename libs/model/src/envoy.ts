// Envoy pieces shared by service groups and the proxies made from them.
import { freeForm, Int32 } from './common.js';

/**
 * The Envoy configuration template (the original's marin3r EnvoyConfig-like spec: envoyAPI,
 * serialization, nodeID, envoyResources). Its shape belongs to the renderer, so it stays
 * free-form here.
 */
export const EnvoyTemplate = freeForm(
  'Envoy configuration template (EnvoyConfig-like: envoyAPI, serialization, nodeID, ' +
    "envoyResources), rendered with each proxy's data.",
);

export const EnvoyReplicaCount = Int32.min(0);
