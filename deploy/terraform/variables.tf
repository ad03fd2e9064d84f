variable "aws_region" {
  description = "AWS region for every resource."
  type        = string
  default     = "ap-northeast-2"
}

variable "project" {
  description = "Name prefix of every resource."
  type        = string
  default     = "tableorder"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.project))
    error_message = "project must be lower-case letters, digits and dashes (2-21 characters)."
  }
}

variable "environment" {
  description = "Environment name, part of resource names (production, staging, ...)."
  type        = string
  default     = "production"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}$", var.environment))
    error_message = "environment must be lower-case letters, digits and dashes (2-16 characters)."
  }
}

variable "vpc_cidr" {
  description = "Address range of the VPC."
  type        = string
  default     = "10.0.0.0/16"
}

variable "public_subnet_cidr" {
  description = "Public subnet of the app server."
  type        = string
  default     = "10.0.1.0/24"
}

variable "private_subnet_cidrs" {
  description = "Private subnets of RDS and ElastiCache, in two availability zones (RDS requires two)."
  type        = list(string)
  default     = ["10.0.11.0/24", "10.0.12.0/24"]

  validation {
    condition     = length(var.private_subnet_cidrs) >= 2
    error_message = "private_subnet_cidrs needs at least two subnets (two availability zones)."
  }
}

variable "instance_type" {
  description = "EC2 instance type of the app server."
  type        = string
  default     = "t3.small"
}

variable "root_volume_size_gb" {
  description = "Size of the app server's encrypted root volume."
  type        = number
  default     = 20
}

variable "ssh_allowed_cidr" {
  description = "The only address range allowed to reach port 22, e.g. your office's public IP as x.x.x.x/32."
  type        = string

  validation {
    condition     = can(cidrhost(var.ssh_allowed_cidr, 0)) && var.ssh_allowed_cidr != "0.0.0.0/0" && var.ssh_allowed_cidr != "::/0"
    error_message = "ssh_allowed_cidr must be a CIDR block narrower than the whole internet."
  }
}

variable "ssh_public_key" {
  description = "OpenSSH public key installed for ec2-user."
  type        = string
}

variable "node_major_version" {
  description = "Node.js major version installed from the Amazon Linux 2023 repositories."
  type        = number
  default     = 24
}

variable "db_instance_class" {
  description = "RDS instance class."
  type        = string
  default     = "db.t3.small"
}

variable "db_allocated_storage_gb" {
  description = "Initial RDS storage; it grows by itself up to db_max_allocated_storage_gb."
  type        = number
  default     = 20
}

variable "db_max_allocated_storage_gb" {
  description = "Upper limit of RDS storage autoscaling."
  type        = number
  default     = 100
}

variable "db_name" {
  description = "Database name."
  type        = string
  default     = "tableorder"
}

variable "db_username" {
  description = "Master user of the database (the app connects as this user)."
  type        = string
  default     = "tableorder"
}

variable "db_backup_retention_days" {
  description = "Days of automated RDS backups (point-in-time restore window)."
  type        = number
  default     = 7

  validation {
    condition     = var.db_backup_retention_days >= 7 && var.db_backup_retention_days <= 35
    error_message = "Keep at least 7 days of backups (at most 35)."
  }
}

variable "db_multi_az" {
  description = "Standby replica of RDS in a second zone (doubles the database cost)."
  type        = bool
  default     = false
}

variable "db_deletion_protection" {
  description = "Refuse to delete the database; set false only to tear an environment down."
  type        = bool
  default     = true
}

variable "redis_node_type" {
  description = "ElastiCache node type (Redis only carries notifications; the smallest node is enough)."
  type        = string
  default     = "cache.t3.micro"
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the app and nginx logs."
  type        = number
  default     = 7
}

variable "cpu_alarm_threshold_percent" {
  description = "Average CPU of the app server (over 3 x 5 minutes) that raises the alarm."
  type        = number
  default     = 80
}

variable "alarm_email" {
  description = "Address that receives alarm mails (confirm the subscription mail). Empty: alarms without notifications."
  type        = string
  default     = ""
}

variable "domain_name" {
  description = "Public host name of the installation (for the TLS certificate and CORS); DNS is managed outside this module."
  type        = string
  default     = ""
}

variable "db_password_version" {
  description = "Bump to give the database a new random master password (stored in Parameter Store, never in the state); then rewrite the server's env file (runbook, \"Rotating secrets\")."
  type        = number
  default     = 1
}

variable "db_connections_alarm_threshold" {
  description = "Database connections that raise the alarm (db.t3.small allows about 200; each app process holds up to DATABASE_POOL_SIZE)."
  type        = number
  default     = 150
}

variable "http_5xx_alarm_threshold_percent" {
  description = "Share of requests answered with a 5xx (per minute, 3 minutes out of 5) that raises the alarm."
  type        = number
  default     = 5
}

variable "ebs_snapshot_retention_count" {
  description = "Daily snapshots of the app server's root volume to keep."
  type        = number
  default     = 7

  validation {
    condition     = var.ebs_snapshot_retention_count >= 1 && var.ebs_snapshot_retention_count <= 1000
    error_message = "Keep between 1 and 1000 snapshots."
  }
}
