// Fixtures for tests here and in the id-allocator: parsed objects and a seeded PRNG.
export * from './objects.js';
export * from './prng.js';
