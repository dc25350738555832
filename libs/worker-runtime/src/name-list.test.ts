import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { nameList, splitCommaList } from './name-list.js';

describe('nameList', () => {
  it.each([
    ['unset', undefined, []],
    ['empty', '', []],
    ['only separators and blanks', ' , ,', []],
    ['one name', 'epic-a', ['epic-a']],
    ['blanks and empty entries', ' epic-a, epic-b ,,', ['epic-a', 'epic-b']],
  ])('%s -> %j', (_case, text, names) => {
    expect(nameList.parse(text)).toEqual(names);
  });

  it('names the variable when it is not a string', () => {
    const result = z.object({ EPIC_X_NAMESPACES: nameList }).safeParse({ EPIC_X_NAMESPACES: 1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['EPIC_X_NAMESPACES']);
  });

  it('takes another default for an unset variable', () => {
    expect(nameList.default(['x']).parse(undefined)).toEqual(['x']);
    expect(nameList.default(['x']).parse('')).toEqual([]);
  });
});

describe('splitCommaList', () => {
  it('keeps the order and repeats of the entries', () => {
    expect(splitCommaList('b,a, b')).toEqual(['b', 'a', 'b']);
  });
});
