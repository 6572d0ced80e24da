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
  description = "The only network allowed in: SSH, Kafka's external listener, Connect's REST API and the dashboard. Use your own address, e.g. 203.0.113.7/32."

  validation {
    condition     = can(cidrhost(var.admin_cidr, 0)) && var.admin_cidr != "0.0.0.0/0"
    error_message = "admin_cidr must be a CIDR block narrower than 0.0.0.0/0, e.g. 203.0.113.7/32."
  }
}

variable "ssh_public_key_file" {
  type        = string
  default     = "~/.ssh/id_ed25519.pub"
  description = "Public key installed for the image's login user; Ansible connects with the matching private key."
}

variable "vpc_cidr" {
  type        = string
  default     = "10.42.0.0/16"
  description = "Address range of the lab's VPC; the hosts' subnet is its first /24."
}

variable "kafka_instance_type" {
  type        = string
  default     = "m6i.large"
  description = "Instance type of the three KRaft nodes (2 vCPU, 8 GiB: 4 GiB page cache beside a 2 GiB heap)."
}

variable "app_instance_type" {
  type        = string
  default     = "t3.medium"
  description = "Instance type of the Connect worker, the Streams app and the dashboard (2 vCPU, 4 GiB each)."
}

variable "kafka_log_disk_gb" {
  type        = number
  default     = 200
  description = "Size of each node's Kafka log volume (gp3), in GiB. With replication factor 3 on 3 nodes every node holds a full copy: 7 days at 0.2 MB/s of compressed ingest is 121 GB, and 200 GiB leaves 65% head-room for retention bursts and reassignment."
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
  description = "Port of the Connect worker's REST API, opened to admin_cidr only."
}

variable "dashboard_port" {
  type        = number
  default     = 8080
  description = "Port of the dashboard, opened to admin_cidr only."
}
