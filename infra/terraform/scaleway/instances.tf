locals {
  # Log volumes sized from the retention they must hold (docs/cloud-sizing.md): every node keeps a replica of
  # every partition (replication factor 3 on 3 nodes), so each holds the full retained data.
  replication_factor = 3
  kafka_log_disk_gb = ceil(var.ingest_readings_per_second * var.stored_bytes_per_reading * 86400 * var.retention_days
  * local.replication_factor / 3 / var.disk_fill_target / 1e9)

  # The other hosts, each in a zone of its own where possible (PostgreSQL beside Connect, its only client).
  apps = {
    connect   = { zone = var.zones[0], type = var.app_instance_type }
    streams   = { zone = var.zones[1], type = var.streams_instance_type }
    dashboard = { zone = var.zones[2], type = var.app_instance_type }
    database  = { zone = var.zones[0], type = var.app_instance_type }
  }
}

resource "scaleway_block_volume" "kafka_logs" {
  count      = 3
  zone       = var.zones[count.index]
  name       = "${var.name_prefix}-kafka-${count.index + 1}-logs"
  size_in_gb = local.kafka_log_disk_gb
  iops       = var.kafka_log_disk_iops
}

# Flexible IPs: they outlive a stop and start, so the certificates' SANs and the advertised external listeners
# stay right.
resource "scaleway_instance_ip" "kafka" {
  count = 3
  zone  = var.zones[count.index]
}

resource "scaleway_instance_server" "kafka" {
  count                 = 3
  zone                  = var.zones[count.index]
  name                  = "${var.name_prefix}-kafka-${count.index + 1}"
  type                  = var.kafka_instance_type
  image                 = var.image
  ip_id                 = scaleway_instance_ip.kafka[count.index].id
  security_group_id     = scaleway_instance_security_group.lab[var.zones[count.index]].id
  additional_volume_ids = [scaleway_block_volume.kafka_logs[count.index].id]
  tags                  = ["kafka"]

  root_volume {
    size_in_gb = var.root_disk_gb
  }

  private_network {
    pn_id = scaleway_vpc_private_network.hosts.id
  }

  # The image label resolves to the newest Debian image when a VM is created; later images never replace it.
  lifecycle {
    ignore_changes = [image]
  }

  depends_on = [scaleway_iam_ssh_key.admin]
}

resource "scaleway_instance_ip" "app" {
  for_each = local.apps
  zone     = each.value.zone
}

resource "scaleway_instance_server" "app" {
  for_each          = local.apps
  zone              = each.value.zone
  name              = "${var.name_prefix}-${each.key}"
  type              = each.value.type
  image             = var.image
  ip_id             = scaleway_instance_ip.app[each.key].id
  security_group_id = scaleway_instance_security_group.lab[each.value.zone].id
  tags              = [each.key]

  root_volume {
    size_in_gb = each.key == "database" ? var.database_disk_gb : var.root_disk_gb
  }

  private_network {
    pn_id = scaleway_vpc_private_network.hosts.id
  }

  lifecycle {
    ignore_changes = [image]
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
  dashboard_port      = var.dashboard_port
  connect_rest_port   = var.connect_rest_port
  prometheus_port     = var.prometheus_port
  postgres_port       = var.postgres_port

  kafka_nodes = [for i, vm in scaleway_instance_server.kafka : {
    name       = vm.name
    public_ip  = scaleway_instance_ip.kafka[i].address
    private_ip = data.scaleway_ipam_ip.kafka[i].address
    zone       = vm.zone
    # Block Storage volumes are SCSI disks named by discovery order; udev's link by volume id is stable.
    data_device = "/dev/disk/by-id/scsi-0SCW_sbs_volume-${element(split("/", scaleway_block_volume.kafka_logs[i].id), 1)}"
  }]

  app_hosts = { for role, vm in scaleway_instance_server.app : role => {
    name       = vm.name
    public_ip  = scaleway_instance_ip.app[role].address
    private_ip = data.scaleway_ipam_ip.app[role].address
  } }
}
