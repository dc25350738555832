// Fixtures for tests here and in the admission app.
export * from './objects.js';
