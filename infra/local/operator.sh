#!/usr/bin/env bash
# The local proof's operator: an ordinary account, slab-operator, without sudo, that runs Terraform's part and
# Ansible as a user on a laptop would. Its home is HOME (made here, owned by it), with KEY as its SSH key
# (~/.ssh/id_ed25519, the key the namespace hosts accept) and no known host yet: the first contact pins each
# host's key, as with new cloud VMs.
#
#   operator.sh HOME KEY
# Needs root (useradd).
set -euo pipefail

OPERATOR=slab-operator
home=${1:?usage: operator.sh HOME KEY}
key=${2:?usage: operator.sh HOME KEY}

if ! id "$OPERATOR" >/dev/null 2>&1; then
  useradd --system --no-create-home --shell /bin/bash "$OPERATOR"
fi
# An earlier run's SSH control masters (Ansible's ControlPersist) may still run as the operator, and usermod
# refuses to change the home of a user with processes: end them, and wait (5 s at most) until they are gone.
pkill -u "$OPERATOR" 2>/dev/null || true
for _ in $(seq 50); do pgrep -u "$OPERATOR" >/dev/null || break; sleep 0.1; done
usermod --home "$home" "$OPERATOR"
install -d -o "$OPERATOR" -g "$OPERATOR" -m 0700 "$home" "$home/.ssh"
install -o "$OPERATOR" -g "$OPERATOR" -m 0600 "$key" "$home/.ssh/id_ed25519"
install -o "$OPERATOR" -g "$OPERATOR" -m 0644 "$key.pub" "$home/.ssh/id_ed25519.pub"
rm -f "$home/.ssh/known_hosts"
