# Network: a VPC with one private network for Kafka's internal and controller listeners (Scaleway's security
# groups filter only the public interface, and the private network is reachable from the lab's hosts only).
# Public addresses carry SSH and the admin-facing ports, and the security group admits admin_cidr alone.

resource "scaleway_vpc" "lab" {
  name = "${var.name_prefix}-vpc"
}

resource "scaleway_vpc_private_network" "hosts" {
  name   = "${var.name_prefix}-hosts"
  vpc_id = scaleway_vpc.lab.id

  ipv4_subnet {
    subnet = var.private_cidr
  }
}

resource "scaleway_iam_ssh_key" "admin" {
  name       = "${var.name_prefix}-admin"
  public_key = trimspace(file(pathexpand(var.ssh_public_key_file)))
}

# Drop everything inbound except what admin_cidr needs; outbound stays open for Debian packages and the
# Kafka tarball.
resource "scaleway_instance_security_group" "lab" {
  name                    = "${var.name_prefix}-admin-only"
  inbound_default_policy  = "drop"
  outbound_default_policy = "accept"
  stateful                = true

  dynamic "inbound_rule" {
    for_each = {
      ssh       = 22
      kafka     = var.kafka_external_port
      connect   = var.connect_rest_port
      dashboard = var.dashboard_port
    }
    content {
      action   = "accept"
      protocol = "TCP"
      port     = inbound_rule.value
      ip_range = var.admin_cidr
    }
  }
}
