# `terraform test` with a mocked Scaleway provider: no account, no network. The same checks as the AWS code's:
# three zones, stable addresses, volumes found by id, the inventory's shape, nothing but SSH and Kafka's external
# listener open to admin_cidr (everything else rides the private network, which security groups do not filter),
# Prometheus reached through a tunnel. admin_cidr's validation is modules/admin_cidr's, tested there.
# TerraformStaticChecksTest runs it where the Scaleway provider is in the local plugin mirror.
mock_provider "scaleway" {
  mock_resource "scaleway_block_volume" {
    defaults = {
      id = "fr-par-1/0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9"
    }
  }
}

variables {
  admin_cidr          = "203.0.113.7/32"
  ssh_public_key_file = "tests/admin.pub"
}

run "three_zones_stable_addresses_and_the_inventory" {
  command = apply

  assert {
    condition     = length(distinct(scaleway_instance_server.kafka[*].zone)) == 3
    error_message = "the three KRaft nodes must sit in three zones"
  }

  assert {
    condition = alltrue([for i in range(3) :
      scaleway_block_volume.kafka_logs[i].zone == scaleway_instance_server.kafka[i].zone
      && contains(scaleway_instance_server.kafka[i].additional_volume_ids, scaleway_block_volume.kafka_logs[i].id)
    ])
    error_message = "each KRaft node must carry its own log volume, in its zone"
  }

  assert {
    condition = alltrue([for i in range(3) :
      yamldecode(output.ansible_inventory).all.children.lab.children.kafka_brokers.hosts[scaleway_instance_server.kafka[i].name].ansible_host == scaleway_instance_ip.kafka[i].address
    ])
    error_message = "Ansible must reach the nodes at their flexible IPs"
  }

  assert {
    condition     = toset([for h in values(yamldecode(output.ansible_inventory).all.children.lab.children.kafka_brokers.hosts) : h.kafka_rack]) == toset(["fr-par-1", "fr-par-2", "fr-par-3"])
    error_message = "every node's broker.rack must be its zone"
  }

  assert {
    condition = alltrue([for h in values(yamldecode(output.ansible_inventory).all.children.lab.children.kafka_brokers.hosts) :
    h.kafka_data_device == "/dev/disk/by-id/scsi-0SCW_sbs_volume-0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9"])
    error_message = "log volumes must be named by their volume id, not by the kernel's device name"
  }

  assert {
    condition = alltrue([for sg in values(scaleway_instance_security_group.lab) :
      sg.inbound_default_policy == "drop"
      && toset([for rule in sg.inbound_rule : rule.port]) == toset([22, var.kafka_external_port])
    && alltrue([for rule in sg.inbound_rule : rule.ip_range == var.admin_cidr && rule.action == "accept"])])
    error_message = "each zone's security group must drop everything inbound but SSH and Kafka's external listener from admin_cidr"
  }

  assert {
    condition = alltrue([for vm in concat(scaleway_instance_server.kafka, values(scaleway_instance_server.app)) :
      vm.private_network[0].pn_id == scaleway_vpc_private_network.hosts.id
    && vm.security_group_id == scaleway_instance_security_group.lab[vm.zone].id])
    error_message = "every VM must sit on the lab's private network (Kafka's internal and controller listeners, PostgreSQL, the exporters) behind its zone's security group"
  }

  assert {
    condition     = output.ssh_tunnels.prometheus == "ssh -N -L 127.0.0.1:9090:${data.scaleway_ipam_ip.app["dashboard"].address}:9090 root@${scaleway_instance_ip.app["dashboard"].address}"
    error_message = "Prometheus must be reached through a tunnel to its private address on the dashboard's host"
  }

  assert {
    condition     = output.kafka_log_disk_gb == ceil(1000 * 700 * 86400 * 7 / 0.6 / 1e9)
    error_message = "log volumes must be sized from rate, bytes per reading, retention and fill target"
  }
}

run "refuses_two_nodes_in_one_zone" {
  command = plan
  variables {
    zones = ["fr-par-1", "fr-par-1", "fr-par-2"]
  }
  expect_failures = [var.zones]
}
