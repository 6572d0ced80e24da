# Network: a VPC with one regional private network, reaching all three zones, for Kafka's internal and
# controller listeners, PostgreSQL and Prometheus's scrapes of the JMX exporters (Scaleway's security groups
# filter only the public interface; the private network reaches the lab's hosts only, and those services listen
# on their private addresses). Public flexible IPs carry SSH and Kafka's external listener, and the security
# group of each zone admits admin_cidr alone, to those two. The dashboard, Prometheus and Connect's REST API
# are reached through an SSH tunnel (output ssh_tunnels).

# admin_cidr, validated once for both providers; rules take it from here, never from var.admin_cidr.
module "admin_cidr" {
  source = "../modules/admin_cidr"

  cidr = var.admin_cidr
}

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

# Drop everything inbound except what admin_cidr needs; outbound stays open for Debian packages. Security
# groups are zonal: one per zone, all alike.
resource "scaleway_instance_security_group" "lab" {
  for_each                = toset(var.zones)
  zone                    = each.key
  name                    = "${var.name_prefix}-admin-only"
  inbound_default_policy  = "drop"
  outbound_default_policy = "accept"
  stateful                = true

  dynamic "inbound_rule" {
    for_each = {
      ssh   = 22
      kafka = var.kafka_external_port
    }
    content {
      action   = "accept"
      protocol = "TCP"
      port     = inbound_rule.value
      ip_range = module.admin_cidr.cidr
    }
  }
}
