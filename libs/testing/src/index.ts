// @epic/testing: support for integration tests on the shared local stack.
export * from './committed-crds.js';
export * from './eventually.js';
export * from './repo-root.js';
export * from './stack-env.js';
export * from './test-namespace.js';
