# Renders the Ansible inventory from the hosts a provider created. Both providers call this module, and the
# local proof's inventory is compared with its rendering (InventoryModuleTest), so the playbooks see the same
# groups and host variables wherever the hosts run.
locals {
  kafka_hosts = {
    for i, n in var.kafka_nodes : n.name => {
      ansible_host           = n.public_ip
      private_address        = n.private_ip
      kafka_node_id          = i + 1
      kafka_external_address = n.public_ip
      kafka_data_device      = n.data_device
      kafka_rack             = n.zone
    }
  }

  app_host_vars = {
    for h in values(var.app_hosts) : h.name => {
      ansible_host    = h.public_ip
      private_address = h.private_ip
    }
  }

  # The lab's hosts sit in one group, "lab", that carries the SSH user and sudo: "all" would also reach the
  # control node's implicit localhost, whose play must run as the operator, without sudo.
  inventory = {
    all = {
      children = {
        lab = {
          vars = {
            ansible_user   = var.ssh_user
            ansible_become = true
          }
          children = {
            kafka_controllers = { hosts = { for name, _ in local.kafka_hosts : name => {} } }
            kafka_brokers     = { hosts = local.kafka_hosts }
            connect_workers   = { hosts = { (var.app_hosts.connect.name) = local.app_host_vars[var.app_hosts.connect.name] } }
            streams_apps      = { hosts = { (var.app_hosts.streams.name) = local.app_host_vars[var.app_hosts.streams.name] } }
            dashboards        = { hosts = { (var.app_hosts.dashboard.name) = local.app_host_vars[var.app_hosts.dashboard.name] } }
            databases         = { hosts = { (var.app_hosts.database.name) = local.app_host_vars[var.app_hosts.database.name] } }
          }
        }
      }
    }
  }
}
