import { describe, expect, it } from 'vitest';
import { latestPayloadKey, nodeJobId, nodeQueueName } from './node-queue.js';

describe('per-node names', () => {
  it.each([
    ['', 'epic-1', 'epic.v1.tunnels.epic-1'],
    ['t-1a2b', 'worker.rack-3.example.com', 't-1a2b.epic.v1.tunnels.worker.rack-3.example.com'],
  ])('queue of %s/%s is %s', (prefix, node, queue) => {
    expect(nodeQueueName(prefix, node)).toBe(queue);
    expect(queue).not.toContain(':');
    expect(latestPayloadKey(queue)).toBe(`${queue}.latest`);
  });

  it('job ids collapse repeats and never hold ":"', () => {
    expect(nodeJobId('epic-1', '00ff00ff00ff00ff')).toBe('epic-1_00ff00ff00ff00ff');
  });

  it.each(['', 'Epic-1', 'a:b', 'a_b'])('refuses node name %j', (node) => {
    expect(() => nodeQueueName('', node)).toThrow('DNS subdomain');
  });
});
