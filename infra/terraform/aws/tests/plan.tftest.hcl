# `terraform test` with a mocked AWS provider: no account, no network. Checks what the deployment relies on:
# three zones, stable addresses, volumes found by id, the inventory's shape, nothing but SSH and Kafka's
# external listener open to admin_cidr, and admin_cidr's validation. TerraformStaticChecksTest runs it.
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
    condition = alltrue([for port in flatten([for sg in [aws_security_group.host, aws_security_group.kafka] :
      [for rule in sg.ingress : rule.from_port if try(contains(rule.cidr_blocks, var.admin_cidr), false)]]) :
    contains([22, var.kafka_external_port], port)])
    error_message = "admin_cidr may reach SSH and Kafka's external listener only"
  }

  assert {
    condition     = output.kafka_log_disk_gb == ceil(1000 * 700 * 86400 * 7 / 0.6 / 1e9)
    error_message = "log volumes must be sized from rate, bytes per reading, retention and fill target"
  }
}

run "refuses_an_open_world" {
  command = plan
  variables {
    admin_cidr = "0.0.0.0/0"
  }
  expect_failures = [var.admin_cidr]
}

run "refuses_half_the_internet" {
  command = plan
  variables {
    admin_cidr = "0.0.0.0/1"
  }
  expect_failures = [var.admin_cidr]
}

run "refuses_more_than_a_slash_16" {
  command = plan
  variables {
    admin_cidr = "10.0.0.0/15"
  }
  expect_failures = [var.admin_cidr]
}

run "refuses_a_host_address_with_a_short_prefix" {
  command = plan
  variables {
    admin_cidr = "203.0.113.7/24"
  }
  expect_failures = [var.admin_cidr]
}

run "refuses_an_address_without_prefix" {
  command = plan
  variables {
    admin_cidr = "203.0.113.7"
  }
  expect_failures = [var.admin_cidr]
}

run "accepts_an_office_network" {
  command = plan
  variables {
    admin_cidr = "198.51.100.0/24"
  }
}
