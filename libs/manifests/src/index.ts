export * from './manifest.js';
export * from './kustomize.js';
export * from './apply.js';
