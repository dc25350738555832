import { describe, expect, it } from 'vitest';
import {
  compareMatches,
  envoyRouteMatch,
  type HTTPRouteMatchInput,
  type RankedMatch,
} from './http-match.js';

describe('envoyRouteMatch', () => {
  it.each<[string, HTTPRouteMatchInput, unknown]>([
    ['no path: every request', {}, { prefix: '/' }],
    ['prefix /', { path: { type: 'PathPrefix', value: '/' } }, { prefix: '/' }],
    [
      'prefix by path segment',
      { path: { type: 'PathPrefix', value: '/api' } },
      { path_separated_prefix: '/api' },
    ],
    [
      'prefix with a trailing slash',
      { path: { type: 'PathPrefix', value: '/api//' } },
      { path_separated_prefix: '/api' },
    ],
    ['exact path', { path: { type: 'Exact', value: '/a/' } }, { path: '/a/' }],
    [
      'regex path',
      { path: { type: 'RegularExpression', value: '/v[0-9]+' } },
      { safe_regex: { regex: '/v[0-9]+' } },
    ],
    [
      'headers, lowercased, the first per name counting',
      {
        headers: [
          { name: 'X-A', value: '1' },
          { name: 'x-a', value: '2' },
          { name: 'X-B', type: 'RegularExpression', value: 'a+b' },
        ],
      },
      {
        prefix: '/',
        headers: [
          { name: 'x-a', string_match: { exact: '1' } },
          { name: 'x-b', string_match: { safe_regex: { regex: 'a+b' } } },
        ],
      },
    ],
    [
      'method as the :method header',
      { method: 'PATCH' },
      { prefix: '/', headers: [{ name: ':method', string_match: { exact: 'PATCH' } }] },
    ],
    [
      'query parameters, case kept',
      {
        queryParams: [
          { name: 'Q', value: "it's" },
          { name: 'r', type: 'RegularExpression', value: '^[0-9]+$' },
        ],
      },
      {
        prefix: '/',
        query_parameters: [
          { name: 'Q', string_match: { exact: "it's" } },
          { name: 'r', string_match: { safe_regex: { regex: '^[0-9]+$' } } },
        ],
      },
    ],
  ])('%s', (_what, match, expected) => {
    expect(envoyRouteMatch(match)).toEqual({ ok: true, match: expected });
  });

  it('refuses a prefix Envoy cannot express', () => {
    expect(envoyRouteMatch({ path: { type: 'PathPrefix', value: '/a?b' } })).toEqual({
      ok: false,
      reason: 'path prefix "/a?b" contains ? or #',
    });
  });
});

describe('compareMatches (Gateway API precedence)', () => {
  const ranked = (
    label: string,
    match: HTTPRouteMatchInput,
    routeIndex = 0,
    ruleIndex = 0,
  ): RankedMatch & { label: string } => ({
    label,
    match,
    origin: { routeIndex, ruleIndex, matchIndex: 0 },
  });
  const expectedOrder = [
    ranked('exact long', { path: { type: 'Exact', value: '/abc/def' } }),
    ranked('exact short', { path: { type: 'Exact', value: '/abc' } }),
    ranked('regex', { path: { type: 'RegularExpression', value: '/v[0-9]+/.*' } }),
    ranked('prefix long', { path: { type: 'PathPrefix', value: '/api/v1' } }),
    ranked('prefix + method', { path: { type: 'PathPrefix', value: '/api' }, method: 'GET' }),
    ranked('prefix + 2 headers', {
      path: { type: 'PathPrefix', value: '/api/' },
      headers: [
        { name: 'a', value: '1' },
        { name: 'b', value: '2' },
      ],
    }),
    ranked('prefix + 1 header', {
      path: { type: 'PathPrefix', value: '/api' },
      headers: [{ name: 'a', value: '1' }],
    }),
    ranked('prefix + query', {
      path: { type: 'PathPrefix', value: '/api' },
      queryParams: [{ name: 'q', value: '1' }],
    }),
    ranked('prefix, older route', { path: { type: 'PathPrefix', value: '/api' } }, 0, 1),
    ranked('prefix, newer route', { path: { type: 'PathPrefix', value: '/api' } }, 1, 0),
    ranked('catch-all', {}),
  ];

  it.each([0, 1, 2, 3, 4])('orders every permutation the same (seed %i)', (seed) => {
    const shuffled = [...expectedOrder];
    let state = seed + 1;
    for (let i = shuffled.length - 1; i > 0; i--) {
      state = (state * 1103515245 + 12345) % 2147483648;
      const j = state % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    expect(shuffled.sort(compareMatches).map((m) => m.label)).toEqual(
      expectedOrder.map((m) => m.label),
    );
  });
});
