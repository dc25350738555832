// The seed's examples (spec/seed.md, spec/reference.md), exactly as the seed shows them.

export const seedLoadBalancer = {
  apiVersion: 'epic.acnodal.io/v1',
  kind: 'LoadBalancer',
  metadata: {
    name: 'sample-acnodal',
    namespace: 'epic-root',
    resourceVersion: '2584',
    uid: '1a8522b9-70a4-4a9c-bdd7-ba912a61170a',
  },
  spec: {
    'service-id': 1,
    'public-address': '192.168.77.2',
    'public-ports': [{ nodePort: 30390, port: 8888, protocol: 'TCP', targetPort: 8080 }],
    'service-group': 'sample',
  },
  status: {
    'gue-tunnel-endpoints': {
      '192.168.1.16': {
        'epic-address': '192.168.1.40',
        'epic-port': { appProtocol: 'gue', port: 6080, protocol: 'UDP' },
        'tunnel-id': 2,
      },
      '192.168.1.25': {
        'epic-address': '192.168.1.40',
        'epic-port': { appProtocol: 'gue', port: 6080, protocol: 'UDP' },
        'tunnel-id': 1,
      },
    },
    'proxy-ifindex': 16,
    'proxy-ifname': 'veth67060f1f',
  },
};

export const seedEpic = {
  apiVersion: 'epic.acnodal.io/v1',
  kind: 'EPIC',
  metadata: {
    name: 'epic',
    namespace: 'epic',
    resourceVersion: '22829',
    uid: 'e6a50ecf-1829-4e47-8537-abfd9b6a9146',
  },
  spec: {},
  status: { 'current-tunnel-id': 4 },
};
