output "ansible_inventory" {
  description = "Ansible inventory in YAML: write it with `terraform output -raw ansible_inventory > ../../ansible/inventory/aws.yml`."
  value       = module.inventory.inventory_yaml
}

output "bootstrap_servers" {
  description = "Bootstrap list for Kafka clients in the admin CIDR (SASL_SSL, the kit's CA)."
  value       = module.inventory.bootstrap_servers
}

output "ssh_tunnels" {
  description = "SSH commands that bring the dashboard, Prometheus, Connect's REST API and PostgreSQL (private addresses only) to 127.0.0.1."
  value       = module.inventory.ssh_tunnels
}

output "kafka_log_disk_gb" {
  description = "Size of each KRaft node's log volume, computed from the ingest rate, bytes per reading and retention."
  value       = local.kafka_log_disk_gb
}
