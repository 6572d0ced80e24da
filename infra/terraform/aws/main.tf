# Network: one VPC with one public subnet. Every VM has a public address for SSH and its service, but the
# security groups admit only admin_cidr from outside; Kafka's internal and controller ports stay inside.

data "aws_availability_zones" "available" {
  state = "available"
}

# Debian's official images (account 136693071363), so the Ansible roles see the same OS as the local proof.
data "aws_ami" "debian" {
  most_recent = true
  owners      = ["136693071363"]

  filter {
    name   = "name"
    values = ["debian-12-amd64-*"]
  }

  filter {
    name   = "architecture"
    values = ["x86_64"]
  }
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
  vpc_id                  = aws_vpc.lab.id
  cidr_block              = cidrsubnet(var.vpc_cidr, 8, 0)
  availability_zone       = data.aws_availability_zones.available.names[0]
  map_public_ip_on_launch = true

  tags = { Name = "${var.name_prefix}-hosts" }
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
  subnet_id      = aws_subnet.hosts.id
  route_table_id = aws_route_table.public.id
}

resource "aws_key_pair" "admin" {
  key_name   = "${var.name_prefix}-admin"
  public_key = file(pathexpand(var.ssh_public_key_file))
}

# Every host: SSH from the admin network only; outbound open for Debian packages and the Kafka tarball.
resource "aws_security_group" "host" {
  name        = "${var.name_prefix}-host"
  description = "SSH from the admin CIDR; outbound for packages"
  vpc_id      = aws_vpc.lab.id

  ingress {
    description = "SSH from the admin network"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }

  egress {
    description = "Debian mirrors, the Apache archive, NTP"
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
    cidr_blocks = [var.admin_cidr]
  }

  ingress {
    description = "Internal SASL_SSL listener for brokers and the lab's own clients"
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
}

resource "aws_security_group" "connect" {
  name        = "${var.name_prefix}-connect"
  description = "Connect REST API for the admin CIDR"
  vpc_id      = aws_vpc.lab.id

  ingress {
    description = "Connect REST API"
    from_port   = var.connect_rest_port
    to_port     = var.connect_rest_port
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}

resource "aws_security_group" "dashboard" {
  name        = "${var.name_prefix}-dashboard"
  description = "Dashboard for the admin CIDR"
  vpc_id      = aws_vpc.lab.id

  ingress {
    description = "Dashboard HTTP"
    from_port   = var.dashboard_port
    to_port     = var.dashboard_port
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}
