locals {
  # Log volumes sized from the retention they must hold (docs/cloud-sizing.md): every node keeps a replica of
  # every partition (replication factor 3 on 3 nodes), so each holds the full retained data.
  replication_factor = 3
  kafka_log_disk_gb = ceil(var.ingest_readings_per_second * var.stored_bytes_per_reading * 86400 * var.retention_days
  * local.replication_factor / 3 / var.disk_fill_target / 1e9)

  # The other hosts, each in a zone of its own where possible (PostgreSQL beside Connect, its only client).
  apps = {
    connect   = { zone = 0, type = var.app_instance_type, security_groups = [aws_security_group.connect.id], root_gb = var.root_disk_gb }
    streams   = { zone = 1, type = var.streams_instance_type, security_groups = [aws_security_group.streams.id], root_gb = var.root_disk_gb }
    dashboard = { zone = 2, type = var.app_instance_type, security_groups = [aws_security_group.prometheus.id], root_gb = var.root_disk_gb }
    database  = { zone = 0, type = var.app_instance_type, security_groups = [aws_security_group.database.id], root_gb = var.database_disk_gb }
  }
}

resource "aws_instance" "kafka" {
  count                  = 3
  ami                    = data.aws_ami.debian.id
  instance_type          = var.kafka_instance_type
  subnet_id              = aws_subnet.hosts[count.index].id
  key_name               = aws_key_pair.admin.key_name
  vpc_security_group_ids = [aws_security_group.host.id, aws_security_group.kafka.id]

  root_block_device {
    volume_type = "gp3"
    volume_size = var.root_disk_gb
    encrypted   = true
  }

  tags = { Name = "${var.name_prefix}-kafka-${count.index + 1}", Role = "kafka" }
}

resource "aws_ebs_volume" "kafka_logs" {
  count             = 3
  availability_zone = aws_subnet.hosts[count.index].availability_zone
  type              = "gp3"
  size              = local.kafka_log_disk_gb
  throughput        = var.kafka_log_disk_throughput
  encrypted         = true

  tags = { Name = "${var.name_prefix}-kafka-${count.index + 1}-logs" }
}

resource "aws_volume_attachment" "kafka_logs" {
  count       = 3
  device_name = "/dev/sdf"
  volume_id   = aws_ebs_volume.kafka_logs[count.index].id
  instance_id = aws_instance.kafka[count.index].id
}

# Stable public addresses: a stop and start keeps them, so the certificates' SANs and the advertised external
# listeners stay right.
resource "aws_eip" "kafka" {
  count    = 3
  domain   = "vpc"
  instance = aws_instance.kafka[count.index].id

  tags = { Name = "${var.name_prefix}-kafka-${count.index + 1}" }
}

resource "aws_instance" "app" {
  for_each               = local.apps
  ami                    = data.aws_ami.debian.id
  instance_type          = each.value.type
  subnet_id              = aws_subnet.hosts[each.value.zone].id
  key_name               = aws_key_pair.admin.key_name
  vpc_security_group_ids = concat([aws_security_group.host.id], each.value.security_groups)

  root_block_device {
    volume_type = "gp3"
    volume_size = each.value.root_gb
    encrypted   = true
  }

  tags = { Name = "${var.name_prefix}-${each.key}", Role = each.key }
}

resource "aws_eip" "app" {
  for_each = local.apps
  domain   = "vpc"
  instance = aws_instance.app[each.key].id

  tags = { Name = "${var.name_prefix}-${each.key}" }
}

module "inventory" {
  source = "../modules/inventory"

  ssh_user            = "admin"
  kafka_external_port = var.kafka_external_port
  dashboard_port      = var.dashboard_port
  connect_rest_port   = var.connect_rest_port
  prometheus_port     = var.prometheus_port
  postgres_port       = var.postgres_port

  kafka_nodes = [for i, vm in aws_instance.kafka : {
    name       = vm.tags.Name
    public_ip  = aws_eip.kafka[i].public_ip
    private_ip = vm.private_ip
    zone       = aws_subnet.hosts[i].availability_zone
    # Nitro instances show EBS volumes as NVMe disks in no fixed order; udev's link by volume id is stable.
    data_device = "/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_${replace(aws_ebs_volume.kafka_logs[i].id, "-", "")}"
  }]

  app_hosts = { for role, vm in aws_instance.app : role => {
    name       = vm.tags.Name
    public_ip  = aws_eip.app[role].public_ip
    private_ip = vm.private_ip
  } }

  depends_on = [aws_volume_attachment.kafka_logs]
}
