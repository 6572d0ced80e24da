#!/usr/bin/env bash
# Packs what the playbook installs of the kit into DEST, each tarball with a .sha512 file beside it:
#   streaming-lab.tgz    the library (target/classes, as a jar) and its runtime classpath (target/runtime-classpath.txt)
#   connect-plugins.tgz  the third-party Connect plugins (.work/connect-plugins: the Debezium JDBC sink and its driver)
#   monitoring.tgz       the Prometheus JMX exporter (target/agents) with the library's exporter and alert rules
#                        (src/main/resources/monitoring), the same files the local kit uses
# Both are built by ./lab setup. The tarballs are reproducible (sorted names, fixed dates and owners): the same
# jars give the same checksum, so a second deployment changes nothing.
#
#   infra/package.sh DEST     e.g. infra/package.sh infra/ansible/inventory/aws/dist
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest=${1:?usage: infra/package.sh DEST}
classes="$home/target/classes"
classpath="$home/target/runtime-classpath.txt"
plugins="$home/.work/connect-plugins"
agent="$home/target/agents/jmx_prometheus_javaagent.jar"
rules="$home/src/main/resources/monitoring"
for need in "$classes" "$classpath" "$plugins" "$agent"; do
  [ -e "$need" ] || { echo "package.sh: $need is missing: run ./lab setup first" >&2; exit 1; }
done

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$dest" "$stage/streaming-lab/libs" "$stage/connect-plugins" "$stage/monitoring"

jar --create --date 1980-01-01T00:00:02Z --file "$stage/streaming-lab/libs/streaming-lab.jar" -C "$classes" .
tr ':' '\n' < "$classpath" | grep '\.jar$' | while read -r jar; do cp "$jar" "$stage/streaming-lab/libs/"; done
cp -r "$plugins"/. "$stage/connect-plugins/"
cp "$agent" "$rules/jmx-exporter.yml" "$rules/alert-rules.yml" "$stage/monitoring/"

for name in streaming-lab connect-plugins monitoring; do
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$stage" -cf - "$name" | gzip -n > "$dest/$name.tgz"
  (cd "$dest" && sha512sum "$name.tgz" > "$name.tgz.sha512")
  echo "$dest/$name.tgz"
done
