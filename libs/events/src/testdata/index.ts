// Fixtures for tests here and in the workers: raw watched objects, a fixed clock, an id source,
// and one sample event of every type.
export * from './events.js';
export * from './objects.js';
