import { describe, expect, it } from 'vitest';
import { ConfigError } from '@epic/worker-runtime';
import { loadRendererConfig } from './config.js';

describe('loadRendererConfig', () => {
  it('needs only the xDS server address; the rest has defaults', () => {
    const config = loadRendererConfig({ EPIC_XDS_ADDRESS: 'xds-server.epic.svc' });
    expect(config.concurrency).toBe(4);
    expect(config.settings).toMatchObject({
      xds: { address: 'xds-server.epic.svc', port: 18000 },
      adminPort: 19000,
      readyPort: 19001,
      logLevel: 'info',
    });
    expect(config.settings).not.toHaveProperty('nodeSelector');
    expect(config.inScope('epic-anyone')).toBe(true);
  });

  it('reads scheduling, ports and namespaces', () => {
    const config = loadRendererConfig({
      EPIC_XDS_ADDRESS: '10.96.0.20',
      EPIC_XDS_PORT: '443',
      EPIC_ENVOY_NODE_SELECTOR: 'epic.acnodal.io/epic-node=true, zone=a',
      EPIC_ENVOY_TOLERATIONS: '[{"key":"epic","operator":"Exists","effect":"NoSchedule"}]',
      EPIC_ENVOY_NAMESPACES: 'epic-a, epic-b',
      EPIC_ENVOY_LOG_LEVEL: 'debug',
    });
    expect(config.settings).toMatchObject({
      xds: { address: '10.96.0.20', port: 443 },
      nodeSelector: { 'epic.acnodal.io/epic-node': 'true', zone: 'a' },
      tolerations: [{ key: 'epic', operator: 'Exists', effect: 'NoSchedule' }],
      logLevel: 'debug',
    });
    expect([config.inScope('epic-a'), config.inScope('epic-c')]).toEqual([true, false]);
  });

  it('names every bad key at once', () => {
    const load = () =>
      loadRendererConfig({
        EPIC_XDS_PORT: '0',
        EPIC_ENVOY_NODE_SELECTOR: 'no-equals',
        EPIC_ENVOY_TOLERATIONS: '{not json',
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      /EPIC_XDS_ADDRESS: .*; EPIC_XDS_PORT: .*; EPIC_ENVOY_NODE_SELECTOR: .*; EPIC_ENVOY_TOLERATIONS: a JSON list of tolerations/,
    );
  });
});
