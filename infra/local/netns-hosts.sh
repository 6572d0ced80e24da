#!/usr/bin/env bash
# The local proof's "cloud": N Debian hosts as network namespaces on this machine, each with its own sshd,
# joined by a bridge. Each host has a private address (10.214.0.x, like a VPC's) and a public one (10.214.1.x,
# like an Elastic IP); both exist only on the kit's bridge and veth pairs, and the namespaces have no default
# route, so nothing they send can leave this machine.
#
#   netns-hosts.sh up    DIR [N] [DISKS]  create N hosts (default 3): lab-h1.. at 10.214.{0,1}.11..; the first
#                                         DISKS hosts (default 0) get a 2 GiB data disk (a loop device)
#   netns-hosts.sh rekey DIR I            give host I a new SSH host key (what a man in the middle would show)
#   netns-hosts.sh down  DIR [N]          stop every process inside the namespaces, delete them, the bridge and
#                                         the data disks
#
# Like a cloud image, every host lets the login user $LOGIN_USER in with a key (DIR/id_ed25519) and gives it
# passwordless sudo; each host has its own host key, which the client learns on first contact. DIR receives
# the SSH material, each host's sshd config and pid, and the data disks: disk-hI.img and disk-hI.dev (the loop
# device's path). Needs root (ip netns, losetup, useradd), iproute2, openssh-server and sudo.
set -euo pipefail

BRIDGE=lab-br0
PRIVATE=10.214.0
PUBLIC=10.214.1
LOGIN_USER=slab-admin
SUDOERS=/etc/sudoers.d/$LOGIN_USER
DISK_SIZE=2G
cmd=${1:?usage: netns-hosts.sh up|rekey|down DIR [N|I] [DISKS]}
dir=${2:?usage: netns-hosts.sh up|rekey|down DIR [N|I] [DISKS]}
n=${3:-3}
disks=${4:-0}

login_user() {
  if ! id "$LOGIN_USER" >/dev/null 2>&1; then
    useradd --system --create-home --home-dir "/var/lib/$LOGIN_USER" --shell /bin/bash "$LOGIN_USER"
  fi
  # No password at all ('*'), not a locked one ('!'): sshd refuses keys for locked accounts when PAM is off.
  usermod -p '*' "$LOGIN_USER"
  echo "$LOGIN_USER ALL=(ALL) NOPASSWD:ALL" > "$SUDOERS.tmp"
  chmod 0440 "$SUDOERS.tmp"
  mv "$SUDOERS.tmp" "$SUDOERS"
}

start_sshd() {
  local i=$1
  ip netns exec "lab-h$i" /usr/sbin/sshd -f "$dir/sshd-h$i.conf"
}

up() {
  # sshd reads authorized_keys as the login user: the folder is searchable, the private keys in it are 0600.
  mkdir -p "$dir"
  chmod 755 "$dir"
  [ -f "$dir/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C streaming-lab-ansible -f "$dir/id_ed25519"
  cp "$dir/id_ed25519.pub" "$dir/authorized_keys"
  chmod 644 "$dir/authorized_keys"
  mkdir -p /run/sshd
  login_user

  ip link add "$BRIDGE" type bridge
  ip addr add "$PRIVATE.1/24" dev "$BRIDGE"
  ip addr add "$PUBLIC.1/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  for i in $(seq 1 "$n"); do
    local ns=lab-h$i
    ip netns add "$ns"
    ip link add "lab-v$i" type veth peer name eth0 netns "$ns"
    ip link set "lab-v$i" master "$BRIDGE" up
    ip -n "$ns" link set lo up
    ip -n "$ns" addr add "$PRIVATE.$((10 + i))/24" dev eth0
    ip -n "$ns" addr add "$PUBLIC.$((10 + i))/24" dev eth0
    ip -n "$ns" link set eth0 up
    rm -f "$dir/host-h$i" "$dir/host-h$i.pub"
    ssh-keygen -q -t ed25519 -N '' -C "lab-h$i" -f "$dir/host-h$i"
    cat > "$dir/sshd-h$i.conf" <<CONF
HostKey $dir/host-h$i
PidFile $dir/sshd-h$i.pid
AuthorizedKeysFile $dir/authorized_keys
PermitRootLogin no
AllowUsers $LOGIN_USER
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
Subsystem sftp internal-sftp
CONF
    start_sshd "$i"
  done
  for i in $(seq 1 "$disks"); do
    truncate -s "$DISK_SIZE" "$dir/disk-h$i.img"
    losetup --find --show "$dir/disk-h$i.img" > "$dir/disk-h$i.dev"
  done
}

rekey() {
  local i=$n
  # The listener and every open session (a client's multiplexed connection would skip the key check).
  for pid in $(ip netns pids "lab-h$i"); do
    if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = sshd ]; then kill "$pid"; fi
  done
  for _ in $(seq 1 50); do [ -f "$dir/sshd-h$i.pid" ] || break; sleep 0.1; done
  rm -f "$dir/host-h$i" "$dir/host-h$i.pub"
  ssh-keygen -q -t ed25519 -N '' -C "lab-h$i" -f "$dir/host-h$i"
  start_sshd "$i"
}

down() {
  for i in $(seq 1 "$n"); do
    local ns=lab-h$i
    ip netns list | grep -qw "$ns" || continue
    # Everything inside the namespace was started by the kit (sshd, supervisord, the services). Their mount
    # namespace, where a data disk is mounted, goes with the last of them.
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
    if ip link show "lab-v$i" >/dev/null 2>&1; then ip link del "lab-v$i"; fi
  done
  if ip link show "$BRIDGE" >/dev/null 2>&1; then ip link del "$BRIDGE"; fi
  for img in "$dir"/disk-h*.img; do
    [ -e "$img" ] || continue
    for dev in $(losetup --associated "$img" --noheadings --output NAME 2>/dev/null); do losetup --detach "$dev" || true; done
    rm -f "$img" "${img%.img}.dev"
  done
  rm -f "$SUDOERS"
}

case "$cmd" in
  up) down; up ;;
  rekey) rekey ;;
  down) down ;;
  *) echo "usage: netns-hosts.sh up|rekey|down DIR [N|I] [DISKS]" >&2; exit 2 ;;
esac
