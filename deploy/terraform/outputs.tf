output "app_public_ip" {
  description = "Elastic IP of the app server: point the domain's A record here."
  value       = aws_eip.app.public_ip
}

output "app_instance_id" {
  description = "The app server (for status checks and `terraform apply -replace=aws_instance.app`)."
  value       = aws_instance.app.id
}

output "dashboard_url" {
  description = "The CloudWatch dashboard."
  value       = "https://${var.aws_region}.console.aws.amazon.com/cloudwatch/home?region=${var.aws_region}#dashboards/dashboard/${aws_cloudwatch_dashboard.main.dashboard_name}"
}

output "ssh_command" {
  description = "Shell on the app server."
  value       = "ssh ec2-user@${aws_eip.app.public_ip}"
}

output "database_endpoint" {
  description = "host:port of RDS. The server builds DATABASE_URL itself from it and the password in Parameter Store."
  value       = "${aws_db_instance.main.address}:${aws_db_instance.main.port}"
}

output "parameter_path" {
  description = "Parameter Store path of the secrets (database-password, jwt-secret-key, superadmin-password)."
  value       = local.parameter_path
}

output "secrets_kms_key_arn" {
  description = "KMS key that encrypts the secrets."
  value       = aws_kms_key.secrets.arn
}

output "db_instance_identifier" {
  description = "RDS instance (for point-in-time restore)."
  value       = aws_db_instance.main.identifier
}

output "redis_url" {
  description = "REDIS_URL (already written to the server's env file)."
  value       = local.redis_url
}

output "s3_bucket_name" {
  description = "S3_BUCKET_NAME (already written to the server's env file)."
  value       = aws_s3_bucket.images.bucket
}

output "aws_region" {
  description = "AWS_REGION."
  value       = var.aws_region
}

output "log_groups" {
  description = "CloudWatch log groups of the app, nginx and PostgreSQL."
  value       = {
    app      = aws_cloudwatch_log_group.app.name
    nginx    = aws_cloudwatch_log_group.nginx.name
    postgres = aws_cloudwatch_log_group.postgres.name
  }
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms (subscribe more addresses or a chat webhook to it)."
  value       = aws_sns_topic.alarms.arn
}
