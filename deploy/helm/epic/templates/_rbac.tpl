{{/*
Every app's identity: a ServiceAccount in `epic` and the least privilege it needs, derived from
the app's code; the same rules as deploy/kustomize/rbac and deploy/webhooks/rbac.yaml (the table
in deploy/README.md sums them up, tools/deploy-check proves them). No wildcards; cluster-wide
(clusterRole) only where the objects live in account namespaces that come and go; a Role in
`epic` (role) for what lives only there. Keyed by ServiceAccount name; rbac.yaml renders it.
*/}}
{{- define "epic.rbac" -}}
# ingest lists and watches everything domain events are derived from, cluster-wide: every
# epic.acnodal.io kind, Pods (Envoy pods; the list is narrowed by label, RBAC cannot be) and
# Namespaces (account namespaces). It writes nothing but its leader-election Lease.
ingest:
  labels: { name: ingest }
  clusterRole:
    name: epic-ingest
    rules:
      - apiGroups: [epic.acnodal.io]
        resources:
          [epics, accounts, serviceprefixes, lbservicegroups, loadbalancers, remoteendpoints,
           gwproxies, gwroutes, gwendpointslices]
        verbs: [list, watch]
      - apiGroups: ['']
        resources: [pods, namespaces, nodes]
        verbs: [list, watch]
  # The Lease epic-ingest in ingest's own namespace (EPIC_INGEST_LEASE_NAMESPACE follows the
  # pod's namespace). `create` cannot be limited to a name; reading and renewing can. A
  # different EPIC_INGEST_LEASE_NAME needs the name changed here too.
  role:
    name: ingest-leader-election
    rules:
      - apiGroups: [coordination.k8s.io]
        resources: [leases]
        verbs: [create]
      - apiGroups: [coordination.k8s.io]
        resources: [leases]
        resourceNames: [epic-ingest]
        verbs: [get, update]

# id-allocator claims IDs from counters (EPIC status, Account status) by Update, and records them
# in Account spec and LoadBalancer spec/status. It reads the RemoteEndpoints of a LB, the LB's
# Envoy pods and their Nodes (tunnels per EPIC node), and records core Events. The admission
# webhook lets only this ServiceAccount write IDs (EPIC_ADMISSION_ID_WRITERS).
id-allocator:
  labels: { name: id-allocator }
  clusterRole:
    name: epic-id-allocator
    rules:
      - apiGroups: [epic.acnodal.io]
        resources: [accounts]
        verbs: [get, list, update]
      - apiGroups: [epic.acnodal.io]
        resources: [loadbalancers]
        verbs: [get, update]
      - apiGroups: [epic.acnodal.io]
        resources: [accounts/status, loadbalancers/status]
        verbs: [update]
      - apiGroups: [epic.acnodal.io]
        resources: [remoteendpoints]
        verbs: [list]
      - apiGroups: ['']
        resources: [pods]
        verbs: [list]
      - apiGroups: ['']
        resources: [nodes]
        verbs: [get]
      - apiGroups: ['']
        resources: [events]
        verbs: [create]
  # The tunnel and group counters live in the EPIC singleton, epic/epic, and nowhere else.
  role:
    name: id-allocator-epic-counters
    rules:
      - apiGroups: [epic.acnodal.io]
        resources: [epics]
        resourceNames: [epic]
        verbs: [get]
      - apiGroups: [epic.acnodal.io]
        resources: [epics/status]
        resourceNames: [epic]
        verbs: [update]

# address-allocator claims public addresses in a ServicePrefix's status (Update with the read
# resourceVersion) and records them on LoadBalancers and GWProxies (spec `public-address`, its
# finalizer, the AddressAllocated condition). It reads service groups (to find a proxy's
# ServicePrefix) and records core Events.
address-allocator:
  labels: { name: address-allocator }
  clusterRole:
    name: epic-address-allocator
    rules:
      - apiGroups: [epic.acnodal.io]
        resources: [loadbalancers, gwproxies]
        verbs: [get, list, update]
      - apiGroups: [epic.acnodal.io]
        resources: [loadbalancers/status, gwproxies/status]
        verbs: [update]
      - apiGroups: [epic.acnodal.io]
        resources: [lbservicegroups]
        verbs: [get]
      - apiGroups: ['']
        resources: [events]
        verbs: [create]
  # ServicePrefixes (the address pools and their claim records) live only in the core namespace.
  role:
    name: address-allocator-pools
    rules:
      - apiGroups: [epic.acnodal.io]
        resources: [serviceprefixes]
        verbs: [get]
      - apiGroups: [epic.acnodal.io]
        resources: [serviceprefixes/status]
        verbs: [update]

# envoy-renderer gives every LoadBalancer and GWProxy its own Envoy Deployment and bootstrap
# ConfigMap in the proxy's account namespace (server-side apply, delete with a uid
# precondition), reads the Envoy pods for ProxyReady, adds and removes its finalizer on the
# proxy, reads service groups and EPIC's default Envoy image, and records core Events.
envoy-renderer:
  labels: { name: envoy-renderer }
  clusterRole:
    name: epic-envoy-renderer
    rules:
      - apiGroups: [epic.acnodal.io]
        resources: [loadbalancers, gwproxies]
        verbs: [get, list, update]
      - apiGroups: [epic.acnodal.io]
        resources: [loadbalancers/status, gwproxies/status]
        verbs: [update]
      # The Deployment's ownerReference has blockOwnerDeletion: clusters running the
      # OwnerReferencesPermissionEnforcement admission plugin require this to set it.
      - apiGroups: [epic.acnodal.io]
        resources: [loadbalancers/finalizers, gwproxies/finalizers]
        verbs: [update]
      - apiGroups: [epic.acnodal.io]
        resources: [lbservicegroups]
        verbs: [get]
      # Server-side apply is a patch, and a create when the object is new.
      - apiGroups: [apps]
        resources: [deployments]
        verbs: [get, create, patch, delete]
      - apiGroups: ['']
        resources: [configmaps]
        verbs: [get, create, patch, delete]
      - apiGroups: ['']
        resources: [pods]
        verbs: [list]
      - apiGroups: ['']
        resources: [events]
        verbs: [create]
  # EPIC `spec.envoy-image`, the default image of every proxy, is read from epic/epic.
  role:
    name: envoy-renderer-epic-settings
    rules:
      - apiGroups: [epic.acnodal.io]
        resources: [epics]
        resourceNames: [epic]
        verbs: [get]

# xds-server renders every proxy's Envoy configuration from the objects that shape it (read
# only), keeps each proxy's snapshot version in its LBServiceGroup's status, reports acceptance
# as conditions in the proxies' status, and records core Events.
xds-server:
  labels: { name: xds-server }
  clusterRole:
    name: epic-xds-server
    rules:
      - apiGroups: [epic.acnodal.io]
        resources:
          [loadbalancers, remoteendpoints, lbservicegroups, gwproxies, gwroutes, gwendpointslices]
        verbs: [get, list]
      - apiGroups: [epic.acnodal.io]
        resources: [lbservicegroups/status, loadbalancers/status, gwproxies/status]
        verbs: [update]
      - apiGroups: ['']
        resources: [events]
        verbs: [create]

# The tunnel dispatcher reads everything a node's tunnel table is computed from (proxies, remote
# endpoints, routes and slices, Accounts for group IDs, Envoy pods, the EPIC Nodes) and adds the
# per-node agent finalizers to proxies (Update). It writes no status.
tunnel-dispatcher:
  labels: { name: tunnel-dispatcher }
  clusterRole:
    name: epic-tunnel-dispatcher
    rules:
      - apiGroups: [epic.acnodal.io]
        resources: [loadbalancers, gwproxies]
        verbs: [get, list, update]
      - apiGroups: [epic.acnodal.io]
        resources: [remoteendpoints, gwroutes, gwendpointslices, accounts]
        verbs: [list]
      - apiGroups: ['']
        resources: [pods, nodes]
        verbs: [list]

# The tunnel agent (one per EPIC node) writes what it programmed into the proxies' status,
# releases its per-node finalizer (Update), reads its own Node, and records core Events on
# proxies and on its Node. It gets its work from Redis, not from the API.
tunnel-agent:
  labels: { name: tunnel-agent }
  clusterRole:
    name: epic-tunnel-agent
    rules:
      - apiGroups: [epic.acnodal.io]
        resources: [loadbalancers, gwproxies]
        verbs: [get, update]
      - apiGroups: [epic.acnodal.io]
        resources: [loadbalancers/status, gwproxies/status]
        verbs: [update]
      - apiGroups: ['']
        resources: [nodes]
        verbs: [get]
      - apiGroups: ['']
        resources: [events]
        verbs: [create]

# The admission webhooks read the objects a request refers to (service groups, Accounts,
# ServicePrefixes, LoadBalancers, RemoteEndpoints, GWProxies for the proxy limit) and Namespaces
# (is an account being deleted). Read-only: it never writes.
epic-admission:
  labels: { component: admission }
  clusterRole:
    name: epic-admission
    rules:
      - apiGroups: [epic.acnodal.io]
        resources:
          [accounts, serviceprefixes, lbservicegroups, loadbalancers, remoteendpoints, gwproxies]
        verbs: [get, list]
      - apiGroups: ['']
        resources: [namespaces]
        verbs: [get]

# audit reads Kafka and writes stdout; it never talks to the Kubernetes API, so its
# ServiceAccount is bound to nothing and its pods get no token.
audit:
  labels: { name: audit }
  automountServiceAccountToken: false
{{- end }}
