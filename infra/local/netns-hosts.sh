#!/usr/bin/env bash
# The local proof's "cloud": N Debian hosts as network namespaces on this machine, each with its own sshd,
# joined by a bridge. Addresses 10.213.0.0/24 exist only on the kit's bridge and veth pairs: the
# namespaces have no default route, so nothing they send can leave this machine.
#
#   netns-hosts.sh up   DIR [N]   create N hosts (default 3): slab-h1.. at 10.213.0.11.., sshd on port 22
#   netns-hosts.sh down DIR [N]   stop every process inside the namespaces, delete them and the bridge
#
# DIR receives the SSH material: id_ed25519 (Ansible's key), known_hosts, each host's sshd config and pid.
# Needs root (ip netns), iproute2 and openssh-server.
set -euo pipefail

BRIDGE=slab-br0
PREFIX=10.213.0
cmd=${1:?usage: netns-hosts.sh up|down DIR [N]}
dir=${2:?usage: netns-hosts.sh up|down DIR [N]}
n=${3:-3}

up() {
  mkdir -p "$dir"
  chmod 700 "$dir"
  [ -f "$dir/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C streaming-lab-ansible -f "$dir/id_ed25519"
  [ -f "$dir/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C streaming-lab-host -f "$dir/host_ed25519"
  cp "$dir/id_ed25519.pub" "$dir/authorized_keys"
  : > "$dir/known_hosts"
  mkdir -p /run/sshd

  ip link add "$BRIDGE" type bridge
  ip addr add "$PREFIX.1/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  for i in $(seq 1 "$n"); do
    local ns=slab-h$i addr=$PREFIX.$((10 + i))
    ip netns add "$ns"
    ip link add "slab-v$i" type veth peer name eth0 netns "$ns"
    ip link set "slab-v$i" master "$BRIDGE" up
    ip -n "$ns" link set lo up
    ip -n "$ns" addr add "$addr/24" dev eth0
    ip -n "$ns" link set eth0 up
    cat > "$dir/sshd-h$i.conf" <<CONF
ListenAddress $addr
HostKey $dir/host_ed25519
PidFile $dir/sshd-h$i.pid
AuthorizedKeysFile $dir/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
Subsystem sftp internal-sftp
CONF
    ip netns exec "$ns" /usr/sbin/sshd -f "$dir/sshd-h$i.conf"
    echo "$addr $(cut -d' ' -f1,2 "$dir/host_ed25519.pub")" >> "$dir/known_hosts"
  done
}

down() {
  for i in $(seq 1 "$n"); do
    local ns=slab-h$i
    ip netns list | grep -qw "$ns" || continue
    # Everything inside the namespace was started by the kit (sshd, supervisord, the services).
    local pids; pids=$(ip netns pids "$ns" | tr '\n' ' ')
    if [ -n "$pids" ]; then
      kill $pids 2>/dev/null || true
      for _ in $(seq 1 50); do [ -z "$(ip netns pids "$ns")" ] && break; sleep 0.2; done
      pids=$(ip netns pids "$ns" | tr '\n' ' ')
      [ -n "$pids" ] && kill -9 $pids 2>/dev/null || true
      for _ in $(seq 1 50); do [ -z "$(ip netns pids "$ns")" ] && break; sleep 0.2; done
    fi
    ip netns del "$ns"
  done
  # Deleting one end of a veth pair deletes both; the kernel would do it too, but only later.
  for i in $(seq 1 "$n"); do
    if ip link show "slab-v$i" >/dev/null 2>&1; then ip link del "slab-v$i"; fi
  done
  if ip link show "$BRIDGE" >/dev/null 2>&1; then ip link del "$BRIDGE"; fi
}

case "$cmd" in
  up) down; up ;;
  down) down ;;
  *) echo "usage: netns-hosts.sh up|down DIR [N]" >&2; exit 2 ;;
esac
