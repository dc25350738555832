// Shared fixtures for tests in other projects: the seed's examples and the validation table
// that both zod and the generated CRDs must agree on.
export * from './seed.js';
export * from './validation-cases.js';
