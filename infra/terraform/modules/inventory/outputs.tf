output "inventory_yaml" {
  description = "The Ansible inventory (YAML): group lab with children kafka_controllers, kafka_brokers, connect_workers, streams_apps, dashboards, databases."
  value       = yamlencode(local.inventory)
}

output "bootstrap_servers" {
  description = "Kafka's external SASL_SSL listeners (kafka_external_port) as a bootstrap list for clients in the admin CIDR."
  value       = join(",", [for n in var.kafka_nodes : "${n.public_ip}:${var.kafka_external_port}"])
}

output "ssh_tunnels" {
  description = "Commands that forward the dashboard, Prometheus (beside it), Connect's REST API and PostgreSQL (bound to private addresses) to this machine's loopback."
  value = {
    dashboard  = "ssh -N -L 127.0.0.1:${var.dashboard_port}:${var.app_hosts.dashboard.private_ip}:${var.dashboard_port} ${var.ssh_user}@${var.app_hosts.dashboard.public_ip}"
    prometheus = "ssh -N -L 127.0.0.1:${var.prometheus_port}:${var.app_hosts.dashboard.private_ip}:${var.prometheus_port} ${var.ssh_user}@${var.app_hosts.dashboard.public_ip}"
    connect    = "ssh -N -L 127.0.0.1:${var.connect_rest_port}:${var.app_hosts.connect.private_ip}:${var.connect_rest_port} ${var.ssh_user}@${var.app_hosts.connect.public_ip}"
    database   = "ssh -N -L 127.0.0.1:${var.postgres_port}:${var.app_hosts.database.private_ip}:${var.postgres_port} ${var.ssh_user}@${var.app_hosts.database.public_ip}"
  }
}
