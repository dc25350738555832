{{/*
Pieces of the webhook configurations (admission-webhooks.yaml), and the generated certificate.
*/}}

{{/*
Every kind of epic.acnodal.io/v1.
*/}}
{{- define "epic.webhook.kinds" -}}
[epics, accounts, serviceprefixes, lbservicegroups, loadbalancers, remoteendpoints, gwproxies, gwroutes, gwendpointslices]
{{- end }}

{{/*
Where the apiserver calls: (dict "root" $ "path" "/validate" "caBundle" "<base64>" or "").
*/}}
{{- define "epic.webhook.clientConfig" -}}
clientConfig:
  service:
    namespace: {{ include "epic.namespace" .root }}
    name: {{ include "epic.name" (list .root "epic-admission") }}
    path: {{ .path }}
    port: 443
  {{- with .caBundle }}
  caBundle: {{ . }}
  {{- end }}
{{- end }}

{{/*
What the validating webhooks of account namespaces and of `epic` check: every create and update,
deletions (a LoadBalancer still used by client clusters cannot be deleted, nor a ServicePrefix
still holding address claims), and the status updates that carry tunnel IDs and ID counters
(only ID writers may set or change them).
*/}}
{{- define "epic.webhook.validateRules" -}}
rules:
  - apiGroups: [epic.acnodal.io]
    apiVersions: [v1]
    operations: [CREATE, UPDATE]
    resources: {{ include "epic.webhook.kinds" . }}
    scope: Namespaced
  - apiGroups: [epic.acnodal.io]
    apiVersions: [v1]
    operations: [DELETE]
    resources: [loadbalancers, serviceprefixes]
    scope: Namespaced
  - apiGroups: [epic.acnodal.io]
    apiVersions: [v1]
    operations: [UPDATE]
    resources: [epics/status, accounts/status, loadbalancers/status, gwproxies/status]
    scope: Namespaced
{{- end }}

{{/*
Every webhook: only EPIC's own resources are matched, so an outage blocks EPIC writes
(failurePolicy Fail: nothing unchecked gets in) but never Pods, Namespaces or the webhook itself.
No side effects: nothing is allocated at admission, so a dry run or a request refused later
leaks nothing.
*/}}
{{- define "epic.webhook.policy" -}}
matchPolicy: Equivalent
sideEffects: None
failurePolicy: Fail
timeoutSeconds: 10
{{- end }}

{{/*
webhooks.certificate=generated: the serving certificate as tls.crt, tls.key and ca.crt, base64.
The Secret of an earlier install or upgrade is reused (lookup), so an upgrade keeps the
certificate the pods serve and the caBundle the apiserver trusts; a first install (and
`helm template`, where lookup finds nothing) generates a CA and a certificate for the Service.
*/}}
{{- define "epic.admissionTls" -}}
{{- $namespace := include "epic.namespace" . }}
{{- $existing := lookup "v1" "Secret" $namespace (include "epic.name" (list . "epic-admission-tls")) }}
{{- $data := $existing.data | default dict }}
{{- if and (index $data "tls.crt") (index $data "tls.key") (index $data "ca.crt") }}
{{- pick $data "tls.crt" "tls.key" "ca.crt" | toYaml }}
{{- else }}
{{- $service := include "epic.name" (list . "epic-admission") }}
{{- $days := int .Values.webhooks.generatedCertificateDays }}
{{- $ca := genCA "epic-admission-ca" $days }}
{{- $dnsNames := list (printf "%s.%s.svc" $service $namespace) (printf "%s.%s.svc.cluster.local" $service $namespace) }}
{{- $cert := genSignedCert (first $dnsNames) nil $dnsNames $days $ca }}
tls.crt: {{ $cert.Cert | b64enc }}
tls.key: {{ $cert.Key | b64enc }}
ca.crt: {{ $ca.Cert | b64enc }}
{{- end }}
{{- end }}
