# Network: one VPC with a public subnet in each of three availability zones. Every VM keeps an Elastic IP for
# SSH (and the Kafka nodes for their external listener), but the security groups admit only admin_cidr from
# outside, and only to those two. Inside, each port admits only the hosts that use it: Kafka's internal listener
# the VPC, its controller listener the Kafka nodes, PostgreSQL the Connect worker, the JMX exporters Prometheus.
# The dashboard, Prometheus and Connect's REST API have no rule at all: their own host reaches them, and so do
# you, through an SSH tunnel (output ssh_tunnels).

# admin_cidr, validated once for both providers; rules take it from here, never from var.admin_cidr.
module "admin_cidr" {
  source = "../modules/admin_cidr"

  cidr = var.admin_cidr
}

data "aws_availability_zones" "available" {
  state = "available"
}

# Debian's official image (account 136693071363), pinned by its exact name: a newer Debian image never replaces
# the running VMs on the next apply. Change debian_ami_name on purpose to move to a newer image.
data "aws_ami" "debian" {
  owners = ["136693071363"]

  filter {
    name   = "name"
    values = [var.debian_ami_name]
  }

  filter {
    name   = "architecture"
    values = ["x86_64"]
  }
}

locals {
  # The first three zones of the region: one KRaft node in each, so losing a zone keeps a quorum and, with
  # broker.rack set to the zone, a replica of every partition.
  zones = slice(data.aws_availability_zones.available.names, 0, 3)
}

resource "aws_vpc" "lab" {
  cidr_block           = var.vpc_cidr
  enable_dns_hostnames = true

  tags = { Name = "${var.name_prefix}-vpc" }
}

resource "aws_internet_gateway" "lab" {
  vpc_id = aws_vpc.lab.id

  tags = { Name = "${var.name_prefix}-igw" }
}

resource "aws_subnet" "hosts" {
  count             = 3
  vpc_id            = aws_vpc.lab.id
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index)
  availability_zone = local.zones[count.index]
  # Public addresses are Elastic IPs (stable across stop and start), not the launch-time ones.
  map_public_ip_on_launch = false

  tags = { Name = "${var.name_prefix}-hosts-${local.zones[count.index]}" }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.lab.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.lab.id
  }

  tags = { Name = "${var.name_prefix}-public" }
}

resource "aws_route_table_association" "hosts" {
  count          = 3
  subnet_id      = aws_subnet.hosts[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_key_pair" "admin" {
  key_name   = "${var.name_prefix}-admin"
  public_key = file(pathexpand(var.ssh_public_key_file))
}

# Every host: SSH from the admin network only; outbound open for Debian packages.
resource "aws_security_group" "host" {
  name        = "${var.name_prefix}-host"
  description = "SSH from the admin CIDR; outbound for packages"
  vpc_id      = aws_vpc.lab.id

  ingress {
    description = "SSH from the admin network"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [module.admin_cidr.cidr]
  }

  egress {
    description = "Debian mirrors, NTP"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "kafka" {
  name        = "${var.name_prefix}-kafka"
  description = "Kafka listeners: external to the admin CIDR, internal to the VPC, controllers to each other"
  vpc_id      = aws_vpc.lab.id

  ingress {
    description = "External SASL_SSL listener for the admin network"
    from_port   = var.kafka_external_port
    to_port     = var.kafka_external_port
    protocol    = "tcp"
    cidr_blocks = [module.admin_cidr.cidr]
  }

  ingress {
    description = "Internal SASL_SSL listener for brokers and the lab services"
    from_port   = var.kafka_internal_port
    to_port     = var.kafka_internal_port
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }

  ingress {
    description = "KRaft controller quorum (mutual TLS) between the Kafka nodes only"
    from_port   = var.kafka_controller_port
    to_port     = var.kafka_controller_port
    protocol    = "tcp"
    self        = true
  }

  ingress {
    description     = "JMX exporter of the Kafka JVM, scraped by Prometheus"
    from_port       = var.monitoring_ports.kafka
    to_port         = var.monitoring_ports.kafka
    protocol        = "tcp"
    security_groups = [aws_security_group.prometheus.id]
  }
}

# Carries no rule of its own: it names the dashboard's host, where Prometheus runs, the only scraper the JMX
# exporters admit.
resource "aws_security_group" "prometheus" {
  name        = "${var.name_prefix}-prometheus"
  description = "Identifies the Prometheus host, the only client of the JMX exporters"
  vpc_id      = aws_vpc.lab.id
}

# Names the Connect worker, the only client PostgreSQL admits; admits Prometheus to its JMX exporter. (The
# description stays as first applied: changing it replaces the group, which a running VM still holds.)
resource "aws_security_group" "connect" {
  name        = "${var.name_prefix}-connect"
  description = "Identifies the Connect worker, the only PostgreSQL client"
  vpc_id      = aws_vpc.lab.id

  ingress {
    description     = "JMX exporter of the Connect JVM, scraped by Prometheus"
    from_port       = var.monitoring_ports.connect
    to_port         = var.monitoring_ports.connect
    protocol        = "tcp"
    security_groups = [aws_security_group.prometheus.id]
  }
}

resource "aws_security_group" "streams" {
  name        = "${var.name_prefix}-streams"
  description = "JMX exporter of the Streams app for Prometheus"
  vpc_id      = aws_vpc.lab.id

  ingress {
    description     = "JMX exporter of the Streams JVM, scraped by Prometheus"
    from_port       = var.monitoring_ports.streams
    to_port         = var.monitoring_ports.streams
    protocol        = "tcp"
    security_groups = [aws_security_group.prometheus.id]
  }
}

resource "aws_security_group" "database" {
  name        = "${var.name_prefix}-database"
  description = "PostgreSQL for the JDBC sinks of the Connect worker only"
  vpc_id      = aws_vpc.lab.id

  ingress {
    description     = "PostgreSQL from the Connect worker"
    from_port       = var.postgres_port
    to_port         = var.postgres_port
    protocol        = "tcp"
    security_groups = [aws_security_group.connect.id]
  }
}
