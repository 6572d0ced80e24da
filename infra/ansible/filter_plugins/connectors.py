"""lab_connector: a connector file of connect/connectors (name and config, as Connect's REST API takes them) with
its ${lab.NAME} placeholders filled, as dev.streaminglab.connect.ConnectorFiles fills them on a laptop. Other
${...} (the JDBC sink's ${topic}, a worker's ${file:...}) are left for Connect. An unknown name is an error.
"""
import re

from ansible.errors import AnsibleFilterError

PLACEHOLDER = re.compile(r"\$\{lab\.([a-z.]+)}")


def lab_connector(connector, variables):
    if not isinstance(connector.get("name"), str) or not isinstance(connector.get("config"), dict):
        raise AnsibleFilterError("a connector file needs a \"name\" and a \"config\" object")

    def fill(value):
        def one(m):
            if m.group(1) not in variables:
                raise AnsibleFilterError("connector %s uses ${lab.%s}, which the playbook does not know; known: %s"
                                         % (connector["name"], m.group(1), sorted(variables)))
            return str(variables[m.group(1)])
        return PLACEHOLDER.sub(one, str(value))

    return {"name": connector["name"], "config": {k: fill(v) for k, v in connector["config"].items()}}


class FilterModule:
    def filters(self):
        return {"lab_connector": lab_connector}
