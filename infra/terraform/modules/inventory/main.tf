# Renders the Ansible inventory from the hosts a provider created. Both providers call this module, so the
# playbooks see the same groups and host variables wherever the VMs run.
locals {
  kafka_hosts = {
    for i, n in var.kafka_nodes : n.name => {
      ansible_host           = n.public_ip
      kafka_node_id          = i + 1
      kafka_private_address  = n.private_ip
      kafka_external_address = n.public_ip
      kafka_data_device      = n.data_device
    }
  }

  app_host = {
    for h in [var.connect_host, var.streams_host, var.dashboard_host] : h.name => {
      ansible_host          = h.public_ip
      kafka_private_address = h.private_ip
    }
  }

  inventory = {
    all = {
      vars = {
        ansible_user   = var.ssh_user
        ansible_become = true
      }
      children = {
        kafka_controllers = { hosts = { for name, _ in local.kafka_hosts : name => {} } }
        kafka_brokers     = { hosts = local.kafka_hosts }
        connect_workers   = { hosts = { (var.connect_host.name) = local.app_host[var.connect_host.name] } }
        streams_apps      = { hosts = { (var.streams_host.name) = local.app_host[var.streams_host.name] } }
        dashboards        = { hosts = { (var.dashboard_host.name) = local.app_host[var.dashboard_host.name] } }
      }
    }
  }
}
