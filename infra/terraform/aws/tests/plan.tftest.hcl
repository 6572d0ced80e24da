# `terraform test` with a mocked AWS provider: no account, no network. Checks what the deployment relies on:
# three zones, stable addresses, volumes found by id, the inventory's shape, nothing but SSH and Kafka's
# external listener open to admin_cidr, Prometheus (on the dashboard's host) admitted to each JMX exporter and
# reached through a tunnel. admin_cidr's validation is modules/admin_cidr's, tested there.
# TerraformStaticChecksTest runs both.
mock_provider "aws" {
  mock_data "aws_availability_zones" {
    defaults = {
      names = ["eu-central-1a", "eu-central-1b", "eu-central-1c"]
    }
  }
  mock_resource "aws_ebs_volume" {
    defaults = {
      id = "vol-0a1b2c3d4e5f60718"
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
    condition     = length(distinct(aws_ebs_volume.kafka_logs[*].availability_zone)) == 3
    error_message = "the three log volumes (and their nodes) must sit in three zones"
  }

  assert {
    condition = alltrue([for i in range(3) :
      aws_instance.kafka[i].subnet_id == aws_subnet.hosts[i].id
      && aws_ebs_volume.kafka_logs[i].availability_zone == aws_subnet.hosts[i].availability_zone
    ])
    error_message = "each KRaft node and its log volume must share their zone"
  }

  assert {
    condition = alltrue([for i in range(3) :
      yamldecode(output.ansible_inventory).all.children.lab.children.kafka_brokers.hosts[aws_instance.kafka[i].tags.Name].ansible_host == aws_eip.kafka[i].public_ip
    ])
    error_message = "Ansible must reach the nodes at their Elastic IPs"
  }

  assert {
    condition     = toset([for h in values(yamldecode(output.ansible_inventory).all.children.lab.children.kafka_brokers.hosts) : h.kafka_rack]) == toset(["eu-central-1a", "eu-central-1b", "eu-central-1c"])
    error_message = "every node's broker.rack must be its zone"
  }

  assert {
    condition = alltrue([for h in values(yamldecode(output.ansible_inventory).all.children.lab.children.kafka_brokers.hosts) :
    h.kafka_data_device == "/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_vol0a1b2c3d4e5f60718"])
    error_message = "log volumes must be named by their volume id, not by the kernel's device name"
  }

  assert {
    condition     = !contains(keys(yamldecode(output.ansible_inventory).all), "vars")
    error_message = "nothing may be set on 'all': the control node's localhost would inherit it (sudo)"
  }

  assert {
    condition = alltrue([for port in flatten([for sg in [aws_security_group.host, aws_security_group.kafka,
      aws_security_group.connect, aws_security_group.streams, aws_security_group.prometheus, aws_security_group.database] :
      [for rule in sg.ingress : rule.from_port if anytrue([for c in rule.cidr_blocks == null ? [] : rule.cidr_blocks : c != var.vpc_cidr])]]) :
    contains([22, var.kafka_external_port], port)])
    error_message = "admin_cidr (the only address range from outside) may reach SSH and Kafka's external listener only"
  }

  assert {
    condition     = contains(aws_instance.app["dashboard"].vpc_security_group_ids, aws_security_group.prometheus.id)
    error_message = "the dashboard's host, where Prometheus runs, must carry the security group the exporters admit"
  }

  assert {
    condition = alltrue([for vm in aws_instance.kafka : contains(vm.vpc_security_group_ids, aws_security_group.kafka.id)]) && anytrue([
      for rule in aws_security_group.kafka.ingress : rule.from_port == 7071 && rule.to_port == 7071
    && rule.security_groups == toset([aws_security_group.prometheus.id]) && try(length(rule.cidr_blocks), 0) == 0])
    error_message = "every Kafka node must admit Prometheus, and only its host, to the Kafka JVM's exporter (7071)"
  }

  assert {
    condition = contains(aws_instance.app["connect"].vpc_security_group_ids, aws_security_group.connect.id) && anytrue([
      for rule in aws_security_group.connect.ingress : rule.from_port == 7072 && rule.to_port == 7072
    && rule.security_groups == toset([aws_security_group.prometheus.id]) && try(length(rule.cidr_blocks), 0) == 0])
    error_message = "the Connect host must admit Prometheus, and only its host, to the Connect JVM's exporter (7072)"
  }

  assert {
    condition = contains(aws_instance.app["streams"].vpc_security_group_ids, aws_security_group.streams.id) && anytrue([
      for rule in aws_security_group.streams.ingress : rule.from_port == 7073 && rule.to_port == 7073
    && rule.security_groups == toset([aws_security_group.prometheus.id]) && try(length(rule.cidr_blocks), 0) == 0])
    error_message = "the Streams host must admit Prometheus, and only its host, to the Streams JVM's exporter (7073)"
  }

  assert {
    condition     = output.ssh_tunnels.prometheus == "ssh -N -L 127.0.0.1:9090:${aws_instance.app["dashboard"].private_ip}:9090 admin@${aws_eip.app["dashboard"].public_ip}"
    error_message = "Prometheus must be reached through a tunnel to its private address on the dashboard's host"
  }

  assert {
    condition     = output.kafka_log_disk_gb == ceil(1000 * 700 * 86400 * 7 / 0.6 / 1e9)
    error_message = "log volumes must be sized from rate, bytes per reading, retention and fill target"
  }
}
