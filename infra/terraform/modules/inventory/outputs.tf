output "inventory_yaml" {
  description = "The Ansible inventory (YAML): groups kafka_controllers, kafka_brokers, connect_workers, streams_apps, dashboards."
  value       = yamlencode(local.inventory)
}

output "bootstrap_servers" {
  description = "Kafka's external SASL_SSL listeners (kafka_external_port) as a bootstrap list for clients in the admin CIDR."
  value       = join(",", [for n in var.kafka_nodes : "${n.public_ip}:${var.kafka_external_port}"])
}
