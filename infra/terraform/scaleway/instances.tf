locals {
  # The first additional volume of an instance appears as the second SCSI disk.
  kafka_data_device = "/dev/sdb"
  apps              = toset(["connect", "streams", "dashboard"])
}

resource "scaleway_block_volume" "kafka_logs" {
  count      = 3
  name       = "${var.name_prefix}-kafka-${count.index + 1}-logs"
  size_in_gb = var.kafka_log_disk_gb
  iops       = var.kafka_log_disk_iops
}

resource "scaleway_instance_ip" "kafka" {
  count = 3
}

resource "scaleway_instance_server" "kafka" {
  count             = 3
  name              = "${var.name_prefix}-kafka-${count.index + 1}"
  type              = var.kafka_instance_type
  image             = "debian_bookworm"
  ip_id             = scaleway_instance_ip.kafka[count.index].id
  security_group_id = scaleway_instance_security_group.lab.id
  additional_volume_ids = [scaleway_block_volume.kafka_logs[count.index].id]
  tags              = ["kafka"]

  root_volume {
    size_in_gb = var.root_disk_gb
  }

  private_network {
    pn_id = scaleway_vpc_private_network.hosts.id
  }

  depends_on = [scaleway_iam_ssh_key.admin]
}

resource "scaleway_instance_ip" "app" {
  for_each = local.apps
}

resource "scaleway_instance_server" "app" {
  for_each          = local.apps
  name              = "${var.name_prefix}-${each.key}"
  type              = var.app_instance_type
  image             = "debian_bookworm"
  ip_id             = scaleway_instance_ip.app[each.key].id
  security_group_id = scaleway_instance_security_group.lab.id
  tags              = [each.key]

  root_volume {
    size_in_gb = var.root_disk_gb
  }

  private_network {
    pn_id = scaleway_vpc_private_network.hosts.id
  }

  depends_on = [scaleway_iam_ssh_key.admin]
}

# The private addresses IPAM gave each VM's private NIC.
data "scaleway_ipam_ip" "kafka" {
  count = 3
  type  = "ipv4"

  resource {
    id   = scaleway_instance_server.kafka[count.index].private_network[0].pnic_id
    type = "instance_private_nic"
  }
}

data "scaleway_ipam_ip" "app" {
  for_each = local.apps
  type     = "ipv4"

  resource {
    id   = scaleway_instance_server.app[each.key].private_network[0].pnic_id
    type = "instance_private_nic"
  }
}

module "inventory" {
  source = "../modules/inventory"

  ssh_user            = "root"
  kafka_external_port = var.kafka_external_port

  kafka_nodes = [for i, vm in scaleway_instance_server.kafka : {
    name        = vm.name
    public_ip   = scaleway_instance_ip.kafka[i].address
    private_ip  = data.scaleway_ipam_ip.kafka[i].address
    data_device = local.kafka_data_device
  }]

  connect_host   = { name = scaleway_instance_server.app["connect"].name, public_ip = scaleway_instance_ip.app["connect"].address, private_ip = data.scaleway_ipam_ip.app["connect"].address }
  streams_host   = { name = scaleway_instance_server.app["streams"].name, public_ip = scaleway_instance_ip.app["streams"].address, private_ip = data.scaleway_ipam_ip.app["streams"].address }
  dashboard_host = { name = scaleway_instance_server.app["dashboard"].name, public_ip = scaleway_instance_ip.app["dashboard"].address, private_ip = data.scaleway_ipam_ip.app["dashboard"].address }
}
