import { describe, expect, it } from 'vitest';
import { parseStackDefaults, stackDefault, stackPort } from './read-stack-defaults.js';

const script = `
STATE=\${EPIC_STACK_STATE:-$REPO_ROOT/.stack}     # per checkout
K8S_VERSION=\${EPIC_K8S_VERSION:-v1.35.4}
KAFKA_PORT=\${EPIC_KAFKA_PORT:-19092}
  INDENTED_PORT=\${EPIC_INDENTED_PORT:-1}
OTHER=\${NOT_EPIC:-5}
BROKEN_PORT=\${EPIC_BROKEN_PORT:-http}
`;

describe('parseStackDefaults', () => {
  const defaults = parseStackDefaults(script);

  it.each([
    ['STATE', '$REPO_ROOT/.stack'],
    ['K8S_VERSION', 'v1.35.4'],
    ['KAFKA_PORT', '19092'],
  ])('reads %s = %s', (name, value) => {
    expect(stackDefault(defaults, name)).toBe(value);
  });

  it.each(['INDENTED_PORT', 'OTHER', 'MISSING'])('ignores or lacks %s', (name) => {
    expect(defaults.has(name)).toBe(false);
    expect(() => stackDefault(defaults, name)).toThrow(/no default/);
  });

  it('parses ports and refuses what is not one', () => {
    expect(stackPort(defaults, 'KAFKA_PORT')).toBe(19092);
    expect(() => stackPort(defaults, 'BROKEN_PORT')).toThrow(/not a port/);
  });
});
