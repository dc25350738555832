import { describe, expect, it } from 'vitest';
import { ConfigError, loadAdmissionConfig } from './config.js';

describe('loadAdmissionConfig', () => {
  it('defaults: port 9443, cert-manager paths, the id-allocator as the only ID writer', () => {
    expect(loadAdmissionConfig({})).toEqual({
      port: 9443,
      host: '0.0.0.0',
      tls: {
        certFile: '/etc/epic-admission/tls/tls.crt',
        keyFile: '/etc/epic-admission/tls/tls.key',
        reloadSeconds: 300,
      },
      idWriters: ['system:serviceaccount:epic:id-allocator'],
      logLevel: 'info',
    });
  });

  it('takes a list of ID writers', () => {
    const config = loadAdmissionConfig({
      EPIC_ADMISSION_ID_WRITERS: 'system:serviceaccount:epic:id-allocator, group:epic-restore',
    });
    expect(config.idWriters).toEqual([
      'system:serviceaccount:epic:id-allocator',
      'group:epic-restore',
    ]);
  });

  it('names every bad variable', () => {
    expect(() => loadAdmissionConfig({ EPIC_ADMISSION_PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(
      ConfigError,
    );
    expect(() => loadAdmissionConfig({ EPIC_ADMISSION_PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(
      /EPIC_ADMISSION_PORT: .*; LOG_LEVEL: /,
    );
  });
});
