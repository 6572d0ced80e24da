locals {
  # The device name the log volume gets inside a Nitro instance: EBS volumes appear as NVMe disks in
  # attachment order, so the first attached data volume is always nvme1n1.
  kafka_data_device = "/dev/nvme1n1"

  apps = {
    connect   = { security_group = aws_security_group.connect.id }
    streams   = { security_group = null }
    dashboard = { security_group = aws_security_group.dashboard.id }
  }
}

resource "aws_instance" "kafka" {
  count                  = 3
  ami                    = data.aws_ami.debian.id
  instance_type          = var.kafka_instance_type
  subnet_id              = aws_subnet.hosts.id
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
  availability_zone = aws_subnet.hosts.availability_zone
  type              = "gp3"
  size              = var.kafka_log_disk_gb
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

resource "aws_instance" "app" {
  for_each      = local.apps
  ami           = data.aws_ami.debian.id
  instance_type = var.app_instance_type
  subnet_id     = aws_subnet.hosts.id
  key_name      = aws_key_pair.admin.key_name
  vpc_security_group_ids = compact([aws_security_group.host.id, each.value.security_group])

  root_block_device {
    volume_type = "gp3"
    volume_size = var.root_disk_gb
    encrypted   = true
  }

  tags = { Name = "${var.name_prefix}-${each.key}", Role = each.key }
}

module "inventory" {
  source = "../modules/inventory"

  ssh_user            = "admin"
  kafka_external_port = var.kafka_external_port

  kafka_nodes = [for i, vm in aws_instance.kafka : {
    name        = vm.tags.Name
    public_ip   = vm.public_ip
    private_ip  = vm.private_ip
    data_device = local.kafka_data_device
  }]

  connect_host   = { name = aws_instance.app["connect"].tags.Name, public_ip = aws_instance.app["connect"].public_ip, private_ip = aws_instance.app["connect"].private_ip }
  streams_host   = { name = aws_instance.app["streams"].tags.Name, public_ip = aws_instance.app["streams"].public_ip, private_ip = aws_instance.app["streams"].private_ip }
  dashboard_host = { name = aws_instance.app["dashboard"].tags.Name, public_ip = aws_instance.app["dashboard"].public_ip, private_ip = aws_instance.app["dashboard"].private_ip }

  depends_on = [aws_volume_attachment.kafka_logs]
}
