// Fixtures for tests here and in the address-allocator: owners, pools and ServicePrefixes.
export * from './objects.js';
