"""kafka_quorum_replication: the rows of `kafka-metadata-quorum describe --replication` as dicts.

The tool prints a header (NodeId, DirectoryId, LogEndOffset, Lag, LastFetchTimestamp, LastCaughtUpTimestamp,
Status) and one row per voter or observer, columns separated by tabs and padding. The rolling restart waits
until every voter is there with a small lag.
"""
from ansible.errors import AnsibleFilterError


def kafka_quorum_replication(text):
    lines = [line.split() for line in text.splitlines() if line.strip()]
    header = next((i for i, cols in enumerate(lines) if cols and cols[0] == "NodeId"), None)
    if header is None:
        raise AnsibleFilterError("no NodeId header in the quorum description: %r" % text[:300])
    names = lines[header]
    rows = []
    for cols in lines[header + 1:]:
        if len(cols) != len(names):
            continue
        row = dict(zip(names, cols))
        rows.append({"node_id": int(row["NodeId"]), "lag": int(row["Lag"]), "status": row["Status"],
                     "log_end_offset": int(row["LogEndOffset"])})
    return rows


class FilterModule:
    def filters(self):
        return {"kafka_quorum_replication": kafka_quorum_replication}
