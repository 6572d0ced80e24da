# `terraform test` of admin_cidr's validation: no provider, so it runs wherever the terraform binary does.
# TerraformStaticChecksTest runs it; both providers take admin_cidr through this module.
run "accepts_one_address" {
  command = plan
  variables {
    cidr = "203.0.113.7/32"
  }
  assert {
    condition     = output.cidr == "203.0.113.7/32"
    error_message = "a valid admin_cidr must come out unchanged"
  }
}

run "accepts_an_office_network" {
  command = plan
  variables {
    cidr = "198.51.100.0/24"
  }
}

run "accepts_a_slash_16" {
  command = plan
  variables {
    cidr = "10.20.0.0/16"
  }
}

run "refuses_an_open_world" {
  command = plan
  variables {
    cidr = "0.0.0.0/0"
  }
  expect_failures = [var.cidr]
}

run "refuses_half_the_internet" {
  command = plan
  variables {
    cidr = "0.0.0.0/1"
  }
  expect_failures = [var.cidr]
}

run "refuses_more_than_a_slash_16" {
  command = plan
  variables {
    cidr = "10.0.0.0/15"
  }
  expect_failures = [var.cidr]
}

run "refuses_a_host_address_with_a_short_prefix" {
  command = plan
  variables {
    cidr = "203.0.113.7/24"
  }
  expect_failures = [var.cidr]
}

run "refuses_an_address_without_prefix" {
  command = plan
  variables {
    cidr = "203.0.113.7"
  }
  expect_failures = [var.cidr]
}

run "refuses_a_name" {
  command = plan
  variables {
    cidr = "office.example.com/32"
  }
  expect_failures = [var.cidr]
}
