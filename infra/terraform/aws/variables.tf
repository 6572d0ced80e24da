variable "region" {
  type        = string
  default     = "eu-central-1"
  description = "AWS region (Frankfurt by default: close to the European provider, same latency for the comparison)."
}

variable "name_prefix" {
  type        = string
  default     = "streaming-lab"
  description = "Prefix of every resource name, so two labs can live in one account."
}

variable "admin_cidr" {
  type        = string
  description = "The only network allowed in (SSH and Kafka's external listener): an IPv4 network in CIDR form of at most 65,536 addresses (/16 or narrower), written as its first address, e.g. 203.0.113.7/32. Checked by modules/admin_cidr."
}

variable "ssh_public_key_file" {
  type        = string
  default     = "~/.ssh/id_ed25519.pub"
  description = "Public key installed for the image's login user; Ansible connects with the matching private key."
}

variable "vpc_cidr" {
  type        = string
  default     = "10.42.0.0/16"
  description = "Address range of the lab's VPC; the hosts' subnets are its first three /24, one per zone."
}

variable "debian_ami_name" {
  type        = string
  default     = "debian-12-amd64-20250316-2053"
  description = "Exact name of the Debian 12 image (owner 136693071363). Pinned: a newer image replaces the VMs only when this changes."
}

variable "kafka_instance_type" {
  type        = string
  default     = "m6i.large"
  description = "Instance type of the three KRaft nodes (2 vCPU, 8 GiB: 4 GiB page cache beside a 2 GiB heap)."
}

variable "streams_instance_type" {
  type        = string
  default     = "c6i.large"
  description = "Instance type of the Streams app (2 vCPU, 4 GiB, not burstable: the pipeline keeps its cores busy; see docs/cloud-sizing.md)."
}

variable "app_instance_type" {
  type        = string
  default     = "t3.medium"
  description = "Instance type of the Connect worker, the dashboard and PostgreSQL (2 vCPU, 4 GiB each)."
}

variable "ingest_readings_per_second" {
  type        = number
  default     = 1000
  description = "Sustained rate of readings into telemetry.raw that the log volumes are sized for (see docs/cloud-sizing.md)."
}

variable "stored_bytes_per_reading" {
  type        = number
  default     = 700
  description = "Bytes one reading occupies on one replica's disk, summed over every pipeline topic it lands in (raw, valid, enriched, aggregates' share); measured by the local proof (docs/cloud-sizing.md)."
}

variable "retention_days" {
  type        = number
  default     = 7
  description = "Retention of the pipeline's topics in days (retention.ms of kafka_topics in infra/ansible/group_vars/all.yml)."
}

variable "disk_fill_target" {
  type        = number
  default     = 0.6
  description = "Fraction of each log volume the retained data may fill; the rest absorbs bursts, segment roll-over and reassignment."
}

variable "kafka_log_disk_throughput" {
  type        = number
  default     = 250
  description = "gp3 throughput of the log volumes in MiB/s (125 is free; 250 keeps up with replication bursts)."
}

variable "root_disk_gb" {
  type        = number
  default     = 20
  description = "Root volume of every VM, in GiB (OS, Java, Kafka jars, service logs)."
}

variable "database_disk_gb" {
  type        = number
  default     = 50
  description = "Root volume of the PostgreSQL host, in GiB (the sinks' tables: aggregates and alerts, not raw readings)."
}

variable "kafka_external_port" {
  type        = number
  default     = 9093
  description = "Port of Kafka's external SASL_SSL listener, opened to admin_cidr only."
}

variable "kafka_internal_port" {
  type        = number
  default     = 9092
  description = "Port of Kafka's internal SASL_SSL listener (brokers and in-VPC clients), open inside the VPC only."
}

variable "kafka_controller_port" {
  type        = number
  default     = 9094
  description = "Port of the KRaft controller listener (mutual TLS), open between the Kafka nodes only."
}

variable "connect_rest_port" {
  type        = number
  default     = 8083
  description = "Port of the Connect worker's REST API on its private address, reached through an SSH tunnel."
}

variable "prometheus_port" {
  type        = number
  default     = 9090
  description = "Port of Prometheus on the dashboard's private address, reached through an SSH tunnel (prometheus_port of the Ansible role monitoring)."
}

variable "monitoring_ports" {
  type        = object({ kafka = number, connect = number, streams = number })
  default     = { kafka = 7071, connect = 7072, streams = 7073 }
  description = "Ports of the JMX exporters in the Kafka, Connect and Streams JVMs (monitoring_ports of the Ansible role monitoring), open to the Prometheus host only."
}

variable "dashboard_port" {
  type        = number
  default     = 8080
  description = "Port of the dashboard on its private address, reached through an SSH tunnel."
}

variable "postgres_port" {
  type        = number
  default     = 5432
  description = "Port of PostgreSQL on its private address, open to the Connect worker only; readers come through an SSH tunnel."
}
