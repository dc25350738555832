// `public-ports` of a LoadBalancer / GWProxy: the ports Envoy listens on at the public address.
// A (port, protocol) pair may appear once: two listeners cannot share it. The zod refinement
// and the CRD's CEL rule say the same; protocol is defaulted (TCP) before either runs.
import { z } from 'zod';
import { ServicePort } from './common.js';

export const maxPublicPorts = 100;

const uniquePortsRule = {
  rule: 'self.all(p, self.exists_one(q, q.port == p.port && q.protocol == p.protocol))',
  message:
    'each port/protocol pair may appear only once in public-ports: remove or merge the duplicate',
};

function hasUniquePorts(ports: readonly ServicePort[]): boolean {
  const seen = new Set(ports.map((p) => `${p.port}/${p.protocol}`));
  return seen.size === ports.length;
}

export const PublicPorts = z
  .array(ServicePort)
  .max(maxPublicPorts)
  .refine(hasUniquePorts, { message: uniquePortsRule.message })
  .meta({
    description: 'Ports exposed on the public address; each port/protocol pair once.',
    'x-kubernetes-validations': [uniquePortsRule],
  });
