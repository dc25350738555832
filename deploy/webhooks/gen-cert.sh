#!/bin/sh
# Without cert-manager: a private CA and a serving certificate for epic-admission.epic.svc,
# stored as the Secret epic/epic-admission-tls (the same keys cert-manager writes), and the CA
# put into the caBundle of both webhook configurations. Run after applying webhooks.yaml; run
# again before the certificate expires (DAYS, default 365). Needs openssl and kubectl.
set -eu

NAMESPACE=epic
SERVICE=epic-admission
SECRET=epic-admission-tls
DAYS=${DAYS:-365}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days "$DAYS" \
  -subj "/CN=epic-admission-ca" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout tls.key -out tls.csr -subj "/CN=$SERVICE.$NAMESPACE.svc" 2>/dev/null
printf 'subjectAltName=DNS:%s.%s.svc,DNS:%s.%s.svc.cluster.local\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' \
  "$SERVICE" "$NAMESPACE" "$SERVICE" "$NAMESPACE" > tls.ext
openssl x509 -req -in tls.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out tls.crt \
  -days "$DAYS" -extfile tls.ext 2>/dev/null

kubectl -n "$NAMESPACE" create secret tls "$SECRET" --cert=tls.crt --key=tls.key \
  --dry-run=client -o yaml | kubectl apply -f -
kubectl -n "$NAMESPACE" create secret generic "$SECRET-ca" --from-file=ca.crt=ca.crt \
  --dry-run=client -o yaml | kubectl apply -f -

CA_BUNDLE=$(base64 < ca.crt | tr -d '\n')
for kind in mutatingwebhookconfiguration validatingwebhookconfiguration; do
  count=$(kubectl get "$kind" epic-admission -o jsonpath='{range .webhooks[*]}x{end}' | wc -c)
  i=0
  while [ "$i" -lt "$count" ]; do
    kubectl patch "$kind" epic-admission --type=json \
      -p "[{\"op\":\"add\",\"path\":\"/webhooks/$i/clientConfig/caBundle\",\"value\":\"$CA_BUNDLE\"}]"
    i=$((i + 1))
  done
done
echo "epic-admission: certificate valid for $DAYS days; Secret $NAMESPACE/$SECRET updated" >&2
