import { describe, expect, it } from 'vitest';
import { readFirst } from './read-first.js';

describe('readFirst', () => {
  it('answers the object in hand once, then reads afresh on every call', async () => {
    let reads = 0;
    const read = readFirst('in hand', () => Promise.resolve(`read ${++reads}`));
    expect([await read(), await read(), await read()]).toEqual(['in hand', 'read 1', 'read 2']);
  });
});
