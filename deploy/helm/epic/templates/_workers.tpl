{{/*
The workers: the apps that share one Deployment shape (Kafka and Redis from the connections
ConfigMap, /healthz, /readyz and /metrics on EPIC_HTTP_PORT 8080, non-root and read-only), keyed
by object name, with what differs between them: the key of their values, the image, the
container's args, and the variables and ports beyond the shared ones. workers.yaml renders them;
admission and the tunnel agent have files of their own.
*/}}
{{- define "epic.workers" -}}
ingest:
  values: ingest
  image: ingest
  env:
    - name: EPIC_INGEST_LEASE_NAMESPACE
      valueFrom:
        fieldRef:
          fieldPath: metadata.namespace
id-allocator:
  values: idAllocator
  image: id-allocator
address-allocator:
  values: addressAllocator
  image: address-allocator
envoy-renderer:
  values: envoyRenderer
  image: envoy-renderer
  env:
    - name: POD_NAMESPACE
      valueFrom:
        fieldRef:
          fieldPath: metadata.namespace
    # Envoy pods run in the account namespaces, so they need the Service's full name.
    - name: EPIC_XDS_ADDRESS
      value: {{ include "epic.name" (list . "xds-server") }}.$(POD_NAMESPACE).svc
    - name: EPIC_XDS_PORT
      value: "18000"
xds-server:
  values: xdsServer
  image: xds-server
  env:
    - name: EPIC_XDS_PORT
      value: "18000"
  ports:
    - name: grpc
      containerPort: 18000
tunnel-dispatcher:
  values: tunnelDispatcher
  image: tunnel-programmer
  args: [/app/dispatcher.mjs]
# audit never calls the Kubernetes API: no token in its pods.
audit:
  values: audit
  image: audit
  automountServiceAccountToken: false
{{- end }}
