// The README's catalogue and subscription tables are generated from the code, so they cannot
// drift. On failure: run `UPDATE_README=1 npx nx run events:test` and review the diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventCatalogue } from './catalogue.js';
import { ConsumerGroup, subscriptions, topicName } from './topics.js';

const readmeUrl = new URL('../README.md', import.meta.url);
const hint = 'libs/events/README.md is stale: run `UPDATE_README=1 npx nx run events:test`';

function catalogueTable(): string {
  const rows = eventCatalogue.map(
    (e) =>
      `| \`${e.type}\` | ${e.versions.join(', ')} | \`${topicName(e.family)}\` | ${e.when} | ${e.payload} |`,
  );
  return [
    '| Event type | Versions | Topic | Emitted when | Payload (`data`) |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function subscriptionTable(): string {
  const rows = ConsumerGroup.options.map(
    (group) =>
      `| ${group} | ${subscriptions[group].map((f) => `\`${topicName(f)}\``).join(', ')} |`,
  );
  return ['| Consumer group | Subscribes to |', '| --- | --- |', ...rows].join('\n');
}

/** The README with the section between `<!-- name:start -->` and `<!-- name:end -->` replaced. */
function withSection(readme: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  expect(from >= 0 && to > from, `README lacks the ${name} markers`).toBe(true);
  return `${readme.slice(0, from + start.length)}\n${body}\n${readme.slice(to)}`;
}

describe('README', () => {
  it('shows the catalogue and subscriptions the code defines', () => {
    const committed = readFileSync(readmeUrl, 'utf8');
    const expected = withSection(
      withSection(committed, 'catalogue', catalogueTable()),
      'subscriptions',
      subscriptionTable(),
    );
    if (process.env['UPDATE_README'] === '1') writeFileSync(readmeUrl, expected);
    else expect(committed, hint).toBe(expected);
  });
});
