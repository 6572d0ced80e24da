#!/usr/bin/env bash
# Builds DEST/kafka_2.13-VERSION.tgz and its .sha512 from Kafka's jars on Maven Central (kafka-dist-pom.xml):
# the layout of Apache's binary tarball (kafka_2.13-VERSION/libs/*.jar) without its scripts and sample
# configurations, which the playbook does not use. The local proof's stand-in for the download from
# archive.apache.org, which only a cloud deployment makes.
#
#   infra/local/kafka-dist.sh VERSION DEST
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version=${1:?usage: kafka-dist.sh VERSION DEST}
dest=${2:?usage: kafka-dist.sh VERSION DEST}
release=kafka_2.13-$version

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mvn -B -ntp -q -Dstyle.color=never -f "$here/kafka-dist-pom.xml" dependency:copy-dependencies \
  -Dkafka.version="$version" -DincludeScope=runtime -DoutputDirectory="$stage/$release/libs" >&2 \
  || { echo "kafka-dist.sh: could not fetch Kafka $version's jars from Maven Central" >&2; exit 1; }
mkdir -p "$dest"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$stage" -cf - "$release" | gzip -n > "$dest/$release.tgz"
(cd "$dest" && sha512sum "$release.tgz" > "$release.tgz.sha512")
echo "$dest/$release.tgz"
