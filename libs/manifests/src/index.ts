export * from './manifest.js';
export * from './kustomize.js';
export * from './apply.js';
export * from './rbac-grants.js';
export * from './access-review.js';
