#!/usr/bin/env bash
# Creates a private CA, a broker certificate and one client certificate per name, for the fleet broker's
# TLS listeners (fleet.conf). Requires openssl (1.1.1 or 3.x). Keys are EC P-256, PKCS#8 PEM, mode 0600.
#
#   gen-certs.sh OUT_DIR BROKER_NAMES [CLIENT ...]
#
#   OUT_DIR       where ca.crt/ca.key, broker.crt/broker.key and <client>.crt/<client>.key go; an existing
#                 ca.key there is reused, so run it again to add clients
#   BROKER_NAMES  comma-separated host names and IP addresses the agents use to reach the broker, e.g.
#                 fleet.example.net,10.0.0.5 (every one goes into the certificate's subjectAltName; clients
#                 verify the host name of their broker URL against it)
#   CLIENT        a client identity: the agent id (agent.yaml agent.id) or "controller"; the certificate's
#                 CN is the name, which the mutual TLS listener (use_identity_as_username) takes as the
#                 username the ACL's %u matches
#
# Environment: DAYS (validity of broker and client certificates, default 825), CA_DAYS (default 3650).
# Example:
#   deploy/mosquitto/gen-certs.sh /etc/mosquitto/certs fleet.example.net controller gw-01 gw-02
#   then copy ca.crt + gw-01.crt + gw-01.key to gateway gw-01 (broker.tls.caFile/certFile/keyFile).
set -euo pipefail

if [[ $# -lt 2 ]]; then
  sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
out=$1
names=$2
shift 2
days=${DAYS:-825}
ca_days=${CA_DAYS:-3650}

umask 077
mkdir -p "$out"
cd "$out"

subject_alt_names() {
  local san="" name
  IFS=',' read -ra parts <<< "$1"
  for name in "${parts[@]}"; do
    [[ -z $name ]] && continue
    if [[ $name =~ ^[0-9.]+$ || $name == *:* ]]; then
      san+="IP:$name,"
    else
      san+="DNS:$name,"
    fi
  done
  echo "${san%,}"
}

new_key() { # PKCS#8 PEM (-----BEGIN PRIVATE KEY-----), which Java reads without extra libraries
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
  chmod 600 "$1"
}

sign() { # sign NAME CN EXTENSIONS
  local name=$1 cn=$2 ext=$3
  new_key "$name.key"
  openssl req -new -key "$name.key" -subj "/CN=$cn" -out "$name.csr"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days "$days" -sha256 \
    -extfile <(printf '%s\n' "$ext") -out "$name.crt" 2>/dev/null
  rm -f "$name.csr"
  chmod 644 "$name.crt"
}

if [[ ! -f ca.key ]]; then
  new_key ca.key
  openssl req -x509 -new -key ca.key -sha256 -days "$ca_days" -subj "/CN=EdgeLadder fleet CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.crt
  chmod 644 ca.crt
  echo "CA        $out/ca.crt (keep ca.key offline)"
fi

first=${names%%,*}
sign broker "$first" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=$(subject_alt_names "$names")"
echo "broker    $out/broker.crt for $names"

for client in "$@"; do
  if [[ ! $client =~ ^[A-Za-z0-9._-]{1,64}$ ]]; then
    echo "client name '$client' must be 1-64 of A-Z a-z 0-9 . _ - (it becomes the MQTT username)" >&2
    exit 2
  fi
  sign "$client" "$client" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
  echo "client    $out/$client.crt + $client.key (CN=$client)"
done
