// Conditions as the bottom of `kubectl describe` shows them.
import type { Condition } from '@epic/model';
import type { TableBlock } from '../format/report.js';

export function conditionsBlock(conditions: readonly Condition[] | undefined): TableBlock {
  return {
    type: 'table',
    title: 'Conditions',
    empty: 'none',
    table: {
      headers: ['TYPE', 'STATUS', 'REASON', 'MESSAGE'],
      rows: (conditions ?? []).map((c) => [c.type, c.status, c.reason, c.message]),
    },
  };
}
