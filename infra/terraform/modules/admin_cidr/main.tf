# The one check of admin_cidr, the only network a provider's firewall lets in from outside. Both providers pass
# their admin_cidr through this module and build their rules from its output, so no rule can take the raw value.
# A root's own variable validation cannot be shared between two roots; a child module's can, and its error
# names the root's line that passed the value.
variable "cidr" {
  type        = string
  description = "The admin network as given to the root module (its variable admin_cidr)."

  # A network address (cidrhost(x, 0) gives the address back) with a prefix of 16 bits or more: 0.0.0.0/1 and
  # other halves of the internet are refused, and so is a host address with a short prefix (203.0.113.7/8).
  validation {
    condition = (
      can(cidrnetmask(var.cidr))
      && try(cidrhost(var.cidr, 0) == split("/", var.cidr)[0], false)
      && try(tonumber(split("/", var.cidr)[1]) >= 16, false)
    )
    error_message = "admin_cidr must be an IPv4 network of at most 65,536 addresses (prefix /16 to /32) written as its first address, e.g. 203.0.113.7/32."
  }
}

output "cidr" {
  description = "admin_cidr, validated: the only value a firewall rule for the admin network may use."
  value       = var.cidr
}
