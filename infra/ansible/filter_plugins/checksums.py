"""sha512_from_checksum_file: the hex digest from a .sha512 file, in either form a download site publishes.

Apache's (GnuPG's --print-md): "kafka_2.13-4.3.1.tgz: 1A2B3C4D 5E6F... " over several lines, upper case.
sha512sum's: "1a2b3c...  kafka_2.13-4.3.1.tgz". Anything else is refused rather than guessed at.
"""
import re

from ansible.errors import AnsibleFilterError

GNUPG = re.compile(r"^\s*\S+?:\s*((?:[0-9A-Fa-f]{8}\s*){16})\s*$")
COREUTILS = re.compile(r"^\s*([0-9A-Fa-f]{128})(?:\s+\*?\S+)?\s*$")


def sha512_from_checksum_file(text):
    for pattern in (GNUPG, COREUTILS):
        m = pattern.match(text)
        if m:
            return re.sub(r"\s", "", m.group(1)).lower()
    raise AnsibleFilterError("not a SHA-512 checksum file (GnuPG or sha512sum format): %r" % text[:200])


class FilterModule:
    def filters(self):
        return {"sha512_from_checksum_file": sha512_from_checksum_file}
