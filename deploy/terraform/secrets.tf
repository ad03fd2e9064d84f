# Secrets live in Parameter Store as SecureStrings under /<project>/<environment>/, encrypted with a
# key of this installation, and never in the Terraform state:
#   database-password    generated here by an ephemeral resource and handed to RDS and Parameter
#                        Store through write-only arguments (neither keeps it in the state)
#   jwt-secret-key       generated on the server's first boot, stored if absent (never replaced)
#   superadmin-password  the same
# A rebuilt server reads them back, so devices stay signed in and the super-admin keeps the same
# password (deploy/scripts/write-env-file.sh; runbook, "The instance is gone").

locals {
  parameter_path = "/${var.project}/${var.environment}"
}

resource "aws_kms_key" "secrets" {
  description             = "${local.name}: Parameter Store secrets"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "secrets" {
  name          = "alias/${local.name}-secrets"
  target_key_id = aws_kms_key.secrets.key_id
}

# Letters and digits only: it goes into DATABASE_URL unescaped.
ephemeral "random_password" "db" {
  length  = 32
  special = false
}

resource "aws_ssm_parameter" "database_password" {
  name             = "${local.parameter_path}/database-password"
  description      = "Master password of ${local.name}-db (rotate: bump db_password_version)"
  type             = "SecureString"
  key_id           = aws_kms_key.secrets.arn
  value_wo         = ephemeral.random_password.db.result
  value_wo_version = var.db_password_version
}
