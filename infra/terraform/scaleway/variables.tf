variable "region" {
  type        = string
  default     = "fr-par"
  description = "Scaleway region (Paris by default)."
}

variable "zone" {
  type        = string
  default     = "fr-par-2"
  description = "Availability zone of every VM and volume (one zone: the lab trades zone redundancy for cost)."
}

variable "name_prefix" {
  type        = string
  default     = "streaming-lab"
  description = "Prefix of every resource name, so two labs can live in one project."
}

variable "admin_cidr" {
  type        = string
  description = "The only network allowed in: SSH, Kafka's external listener, Connect's REST API and the dashboard. Use your own address, e.g. 203.0.113.7/32."

  validation {
    condition     = can(cidrhost(var.admin_cidr, 0)) && var.admin_cidr != "0.0.0.0/0"
    error_message = "admin_cidr must be a CIDR block narrower than 0.0.0.0/0, e.g. 203.0.113.7/32."
  }
}

variable "ssh_public_key_file" {
  type        = string
  default     = "~/.ssh/id_ed25519.pub"
  description = "Public key registered in the project; Scaleway installs the project's keys on every new VM."
}

variable "private_cidr" {
  type        = string
  default     = "10.42.0.0/24"
  description = "Address range of the private network between the hosts (Kafka's internal and controller traffic)."
}

variable "kafka_instance_type" {
  type        = string
  default     = "POP2-2C-8G"
  description = "Commercial type of the three KRaft nodes (2 vCPU, 8 GiB: 4 GiB page cache beside a 2 GiB heap)."
}

variable "app_instance_type" {
  type        = string
  default     = "DEV1-M"
  description = "Commercial type of the Connect worker, the Streams app and the dashboard (3 vCPU, 4 GiB each)."
}

variable "kafka_log_disk_gb" {
  type        = number
  default     = 200
  description = "Size of each node's Kafka log volume (Block Storage), in GB. With replication factor 3 on 3 nodes every node holds a full copy: 7 days at 0.2 MB/s of compressed ingest is 121 GB, and 200 GB leaves 65% head-room."
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

variable "kafka_external_port" {
  type        = number
  default     = 9093
  description = "Port of Kafka's external SASL_SSL listener, opened to admin_cidr only."
}

variable "connect_rest_port" {
  type        = number
  default     = 8083
  description = "Port of the Connect worker's REST API, opened to admin_cidr only."
}

variable "dashboard_port" {
  type        = number
  default     = 8080
  description = "Port of the dashboard, opened to admin_cidr only."
}
