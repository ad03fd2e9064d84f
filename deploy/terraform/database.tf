# PostgreSQL 15 on RDS: private, encrypted, 7 days of point-in-time backups. Its password is
# generated in secrets.tf and reaches RDS through a write-only argument: not in the state.

resource "aws_db_subnet_group" "main" {
  name       = "${local.name}-db"
  subnet_ids = aws_subnet.private[*].id

  tags = { Name = "${local.name}-db" }
}

resource "aws_db_parameter_group" "postgres15" {
  name        = "${local.name}-postgres15"
  family      = "postgres15"
  description = "TableOrder: TLS only, slow statements logged"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = "500"
  }
}

resource "aws_db_instance" "main" {
  identifier     = "${local.name}-db"
  engine         = "postgres"
  engine_version = "15"
  instance_class = var.db_instance_class

  db_name  = var.db_name
  username = var.db_username
  # The same ephemeral value as the Parameter Store copy, both sent when the version changes.
  password_wo         = ephemeral.random_password.db.result
  password_wo_version = var.db_password_version
  port                = 5432

  allocated_storage     = var.db_allocated_storage_gb
  max_allocated_storage = var.db_max_allocated_storage_gb
  storage_type          = "gp3"
  storage_encrypted     = true

  db_subnet_group_name   = aws_db_subnet_group.main.name
  vpc_security_group_ids = [aws_security_group.db.id]
  parameter_group_name   = aws_db_parameter_group.postgres15.name
  publicly_accessible    = false
  multi_az               = var.db_multi_az

  # Backups 02:00-02:30 daily, maintenance Monday 03:00-04:00, Korean time: restaurants are closed.
  backup_retention_period = var.db_backup_retention_days
  backup_window           = "17:00-17:30"
  maintenance_window      = "sun:18:00-sun:19:00"
  copy_tags_to_snapshot   = true

  auto_minor_version_upgrade  = true
  allow_major_version_upgrade = false
  deletion_protection         = var.db_deletion_protection
  skip_final_snapshot         = false
  final_snapshot_identifier   = "${local.name}-db-final"

  enabled_cloudwatch_logs_exports = ["postgresql"]

  # The log group must exist first, or RDS creates it without a retention.
  depends_on = [aws_cloudwatch_log_group.postgres]

  tags = { Name = "${local.name}-db" }
}
