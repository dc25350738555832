{{/*
The namespace of every namespaced object, and the guard that it is `epic`: the apps look for the
EPIC singleton, ServicePrefixes and system service groups there, ingest keeps its Lease there and
the webhooks' Service lives there, all under that fixed name.
*/}}
{{- define "epic.namespace" -}}
{{- if ne .Release.Namespace "epic" -}}
{{- fail (printf "EPIC must be installed into the namespace \"epic\", not %q: the apps look for the EPIC singleton, ServicePrefixes and their Lease in \"epic\". Use: helm install <release> deploy/helm/epic -n epic --create-namespace" .Release.Namespace) -}}
{{- end -}}
{{- .Release.Namespace -}}
{{- end }}

{{/*
An object's name with nameSuffix appended: (list $ "ingest").
*/}}
{{- define "epic.name" -}}
{{- index . 1 }}{{ (index . 0).Values.nameSuffix }}
{{- end }}

{{/*
The helm.sh/chart label: <chart>-<version>.
*/}}
{{- define "epic.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every object: app.kubernetes.io/part-of=epic as in deploy/kustomize, the app's name
and component where the kustomize manifests have them, and Helm's release labels.
(dict "root" $ "name" "ingest" "component" "ingest"); name and component are optional.
*/}}
{{- define "epic.labels" -}}
{{- $root := .root }}
{{- $labels := dict
  "app.kubernetes.io/part-of" "epic"
  "app.kubernetes.io/instance" $root.Release.Name
  "app.kubernetes.io/managed-by" $root.Release.Service
  "app.kubernetes.io/version" $root.Chart.AppVersion
  "helm.sh/chart" (include "epic.chart" $root) }}
{{- with .name }}{{ $_ := set $labels "app.kubernetes.io/name" . }}{{ end }}
{{- with .component }}{{ $_ := set $labels "app.kubernetes.io/component" . }}{{ end }}
{{- toYaml $labels }}
{{- end }}

{{/*
What a workload's pods are selected by: the app and the release, so that two releases (see
nameSuffix) never select each other's pods. (dict "root" $ "name" "ingest")
*/}}
{{- define "epic.selectorLabels" -}}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/name: {{ .name }}
{{- end }}

{{/*
An EPIC image: (list $ "ingest") -> [<registry>/][<prefix>/]ingest:<tag or appVersion>.
*/}}
{{- define "epic.image" -}}
{{- $image := (index . 0).Values.image }}
{{- $tag := $image.tag | default (index . 0).Chart.AppVersion }}
{{- printf "%s:%s" (compact (list $image.registry $image.prefix (index . 1)) | join "/") $tag }}
{{- end }}

{{/*
The data of the connections ConfigMap (connections-configmap.yaml).
*/}}
{{- define "epic.connectionsData" -}}
EPIC_KAFKA_BROKERS: {{ .Values.connections.kafkaBrokers | quote }}
EPIC_REDIS_URL: {{ .Values.connections.redisUrl | quote }}
{{- range $name, $value := .Values.connections.extra }}
{{ $name }}: {{ $value | toString | quote }}
{{- end }}
{{- end }}

{{/*
The hash of that data, an annotation of every pod template that reads it: a changed Kafka or
Redis address changes the pod templates, so the apps roll.
*/}}
{{- define "epic.connectionsChecksum" -}}
{{- include "epic.connectionsData" . | sha256sum }}
{{- end }}

{{/*
Pod-level hardening of every workload but the tunnel agent: UID 65532, never root.
*/}}
{{- define "epic.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/*
Container hardening of every workload but the tunnel agent: read-only, no capability.
*/}}
{{- define "epic.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end }}

{{/*
Liveness on /healthz and readiness on the app's readiness path, at the named port that serves
them: (dict "port" "http" "readinessPath" "/readyz" "scheme" "HTTPS"); scheme is optional.
*/}}
{{- define "epic.probes" -}}
livenessProbe:
  httpGet:
    {{- with .scheme }}
    scheme: {{ . }}
    {{- end }}
    path: /healthz
    port: {{ .port }}
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet:
    {{- with .scheme }}
    scheme: {{ . }}
    {{- end }}
    path: {{ .readinessPath }}
    port: {{ .port }}
  periodSeconds: 5
{{- end }}

{{/*
The writable /tmp of a read-only container: its volume and its mount.
*/}}
{{- define "epic.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
{{- end }}

{{- define "epic.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end }}
