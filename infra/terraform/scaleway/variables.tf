variable "region" {
  type        = string
  default     = "fr-par"
  description = "Scaleway region (Paris by default); its private network spans the three zones."
}

variable "zones" {
  type        = list(string)
  default     = ["fr-par-1", "fr-par-2", "fr-par-3"]
  description = "Three availability zones of the region, one KRaft node in each (check the instance types are offered in all three)."

  validation {
    condition     = length(distinct(var.zones)) == 3
    error_message = "zones must name three different availability zones."
  }
}

variable "name_prefix" {
  type        = string
  default     = "streaming-lab"
  description = "Prefix of every resource name, so two labs can live in one project."
}

variable "admin_cidr" {
  type        = string
  description = "The only network allowed in (SSH and Kafka's external listener): an IPv4 network in CIDR form of at most 65,536 addresses (/16 or narrower), written as its first address, e.g. 203.0.113.7/32. Checked by modules/admin_cidr."
}

variable "ssh_public_key_file" {
  type        = string
  default     = "~/.ssh/id_ed25519.pub"
  description = "Public key registered in the project; Scaleway installs the project's keys on every new VM."
}

variable "private_cidr" {
  type        = string
  default     = "10.42.0.0/24"
  description = "Address range of the private network between the hosts (Kafka's internal and controller traffic, PostgreSQL)."
}

variable "image" {
  type        = string
  default     = "debian_bookworm"
  description = "Image label (or id) of every VM. Resolved once per VM at creation: later Debian images never replace a running VM."
}

variable "kafka_instance_type" {
  type        = string
  default     = "POP2-2C-8G"
  description = "Commercial type of the three KRaft nodes (2 vCPU, 8 GiB: 4 GiB page cache beside a 2 GiB heap)."
}

variable "streams_instance_type" {
  type        = string
  default     = "POP2-2C-8G"
  description = "Commercial type of the Streams app (2 dedicated vCPU: the pipeline keeps its cores busy; see docs/cloud-sizing.md)."
}

variable "app_instance_type" {
  type        = string
  default     = "DEV1-M"
  description = "Commercial type of the Connect worker, the dashboard and PostgreSQL (3 vCPU, 4 GiB each)."
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

variable "kafka_log_disk_iops" {
  type        = number
  default     = 5000
  description = "IOPS class of the log volumes (5000 or 15000)."
}

variable "root_disk_gb" {
  type        = number
  default     = 20
  description = "Root volume of every VM, in GB (OS, Java, Kafka jars, service logs)."
}

variable "database_disk_gb" {
  type        = number
  default     = 50
  description = "Root volume of the PostgreSQL host, in GB (the sinks' tables: aggregates and alerts, not raw readings)."
}

variable "kafka_external_port" {
  type        = number
  default     = 9093
  description = "Port of Kafka's external SASL_SSL listener, opened to admin_cidr only."
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

variable "postgres_port" {
  type        = number
  default     = 5432
  description = "Port of PostgreSQL on the database host's private address, reached by readers through an SSH tunnel (postgres_port of infra/ansible)."
}

variable "dashboard_port" {
  type        = number
  default     = 8080
  description = "Port of the dashboard on its private address, reached through an SSH tunnel."
}
