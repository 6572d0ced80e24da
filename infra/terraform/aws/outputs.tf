output "ansible_inventory" {
  description = "Ansible inventory in YAML: write it with `terraform output -raw ansible_inventory > ../../ansible/inventory/aws.yml`."
  value       = module.inventory.inventory_yaml
}

output "bootstrap_servers" {
  description = "Bootstrap list for Kafka clients in the admin CIDR (SASL_SSL, the kit's CA)."
  value       = module.inventory.bootstrap_servers
}

output "connect_url" {
  description = "Connect worker's REST API, reachable from the admin CIDR."
  value       = "http://${aws_instance.app["connect"].public_ip}:${var.connect_rest_port}"
}

output "dashboard_url" {
  description = "The dashboard, reachable from the admin CIDR."
  value       = "http://${aws_instance.app["dashboard"].public_ip}:${var.dashboard_port}"
}
