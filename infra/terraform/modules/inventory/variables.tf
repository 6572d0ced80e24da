variable "ssh_user" {
  type        = string
  description = "Login user of the VM image that Ansible connects as (it escalates with sudo)."
}

variable "kafka_nodes" {
  type = list(object({
    name        = string
    public_ip   = string
    private_ip  = string
    data_device = string
  }))
  description = "The KRaft nodes (broker and controller combined), in node-id order: node i gets node.id i+1."
}

variable "connect_host" {
  type = object({
    name       = string
    public_ip  = string
    private_ip = string
  })
  description = "The Kafka Connect worker."
}

variable "streams_host" {
  type = object({
    name       = string
    public_ip  = string
    private_ip = string
  })
  description = "The host of the Kafka Streams application."
}

variable "dashboard_host" {
  type = object({
    name       = string
    public_ip  = string
    private_ip = string
  })
  description = "The host of the dashboard."
}

variable "kafka_external_port" {
  type        = number
  description = "Port of Kafka's external SASL_SSL listener, the one clients in the admin CIDR use."
}
