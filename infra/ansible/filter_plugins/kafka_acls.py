"""Filters that let the kafka_access role add only the ACLs the cluster lacks.

kafka_acl_entries expands the declarative kafka_acls list (one item per principal, resource and operations)
into one dict per operation; kafka_acl_listing parses `AclCommand --list` output into the same shape, so
the role adds `entries | difference(listing)`, grouped by kafka_acl_commands into one command per resource.
"""
import re

RESOURCE = re.compile(r"ResourcePattern\(resourceType=(\w+), name=(.*), patternType=(\w+)\)`")
ENTRY = re.compile(r"\(principal=User:([^,]+), host=\*, operation=(\w+), permissionType=ALLOW\)")


def _key(principal, resource, name, pattern, operation):
    # AclCommand takes --transactional-id and lists TRANSACTIONAL_ID: compare in the flag's spelling.
    return {
        "principal": principal,
        "resource": resource.lower().replace("_", "-"),
        "name": name,
        "pattern": pattern.lower(),
        "operation": operation.replace("_", "").lower(),
    }


def kafka_acl_entries(acls):
    return [_key(a["principal"], a["resource"], a["name"], a["pattern"], op)
            for a in acls for op in a["operations"]]


def kafka_acl_listing(text):
    entries, current = [], None
    for line in text.splitlines():
        resource = RESOURCE.search(line)
        if resource:
            current = resource.groups()
            continue
        entry = ENTRY.search(line)
        if entry and current:
            entries.append(_key(entry.group(1), current[0], current[1], current[2], entry.group(2)))
    return entries


def kafka_acl_commands(entries):
    """Groups entries by principal and resource, so one AclCommand run adds all of a resource's operations."""
    grouped = {}
    for e in entries:
        key = (e["principal"], e["resource"], e["name"], e["pattern"])
        grouped.setdefault(key, []).append(e["operation"])
    return [{"principal": k[0], "resource": k[1], "name": k[2], "pattern": k[3], "operations": ops}
            for k, ops in grouped.items()]


class FilterModule:
    def filters(self):
        return {"kafka_acl_entries": kafka_acl_entries, "kafka_acl_listing": kafka_acl_listing,
                "kafka_acl_commands": kafka_acl_commands}
