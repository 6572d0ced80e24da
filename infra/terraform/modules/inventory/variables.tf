variable "ssh_user" {
  type        = string
  description = "Login user of the VM image that Ansible connects as (it escalates with sudo on the lab's hosts only)."
}

variable "kafka_nodes" {
  type = list(object({
    name        = string
    public_ip   = string
    private_ip  = string
    zone        = string
    data_device = string
  }))
  description = "The KRaft nodes (broker and controller combined), in node-id order: node i gets node.id i+1 and its zone as broker.rack; data_device is a stable path of its log volume (by id, never the kernel's name)."

  validation {
    condition     = length(var.kafka_nodes) == 3 && length(distinct([for n in var.kafka_nodes : n.zone])) == 3
    error_message = "The KRaft quorum needs three nodes in three different zones."
  }
}

variable "app_hosts" {
  type = map(object({
    name       = string
    public_ip  = string
    private_ip = string
  }))
  description = "The lab's other hosts by role: connect, streams, dashboard and database (a host may serve several roles)."

  validation {
    condition     = toset(keys(var.app_hosts)) == toset(["connect", "streams", "dashboard", "database"])
    error_message = "app_hosts needs exactly the roles connect, streams, dashboard and database."
  }
}

variable "kafka_external_port" {
  type        = number
  description = "Port of Kafka's external SASL_SSL listener, the one clients in the admin CIDR use."
}

variable "dashboard_port" {
  type        = number
  description = "Port the dashboard listens on, on its host's private address (reached through an SSH tunnel)."
}

variable "connect_rest_port" {
  type        = number
  description = "Port of the Connect worker's REST API, on its host's private address (reached through an SSH tunnel)."
}

variable "postgres_port" {
  type        = number
  description = "Port of PostgreSQL, on the database host's private address (readers reach it through an SSH tunnel)."
}

variable "prometheus_port" {
  type        = number
  description = "Port of Prometheus, on the dashboard host's private address (reached through an SSH tunnel)."
}
