// @epic/kube: the Kubernetes adapter. Everything that talks to the apiserver goes through
// here, so retries, error wording and schema checks of objects read from the API are uniform.
export * from './api-error.js';
export * from './condition-write.js';
export * from './crd-install.js';
export * from './epic-objects.js';
export * from './event-recorder.js';
export * from './for-each-limit.js';
export * from './kube-config.js';
export * from './namespaces.js';
export * from './read-first.js';
export * from './replace-with-retry.js';
export * from './wire-format.js';
export * from './list-watch.js';
export * from './watched-collections.js';
export * from './lease-decision.js';
export * from './lease-elector.js';
