# The app server: Amazon Linux 2023 with nginx, Node.js, the CloudWatch agent and the
# tableorder system user, prepared by cloud-init. Releases are deployed onto it afterwards
# (deploy/README.md, "First deployment").

data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-2023.*-x86_64"]
  }

  filter {
    name   = "architecture"
    values = ["x86_64"]
  }
}

resource "aws_key_pair" "operator" {
  key_name   = "${local.name}-operator"
  public_key = var.ssh_public_key
}

resource "aws_instance" "app" {
  ami                    = data.aws_ami.al2023.id
  instance_type          = var.instance_type
  subnet_id              = aws_subnet.public.id
  vpc_security_group_ids = [aws_security_group.app.id]
  iam_instance_profile   = aws_iam_instance_profile.app.name
  key_name               = aws_key_pair.operator.key_name

  # IMDSv2 only, one hop: the instance role's credentials stay with processes on this host.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  root_block_device {
    volume_type           = "gp3"
    volume_size           = var.root_volume_size_gb
    encrypted             = true
    delete_on_termination = true
    # The snapshot schedule (backup.tf) picks the volume by this tag.
    tags = { Name = "${local.name}-app", Snapshot = "${local.name}-app" }
  }

  user_data = templatefile("${path.module}/user-data.sh.tftpl", {
    node_major_version = var.node_major_version
    aws_region         = var.aws_region
    app_environment    = var.environment == "staging" ? "staging" : "production"
    s3_bucket_name     = aws_s3_bucket.images.bucket
    redis_url          = local.redis_url
    db_host            = aws_db_instance.main.address
    db_port            = aws_db_instance.main.port
    db_name            = var.db_name
    db_user            = var.db_username
    parameter_path     = local.parameter_path
    kms_key_id         = aws_kms_alias.secrets.name
    public_base_url    = var.domain_name == "" ? "" : "https://${var.domain_name}"
    metric_namespace   = local.metric_namespace
    app_log_group      = aws_cloudwatch_log_group.app.name
    nginx_log_group    = aws_cloudwatch_log_group.nginx.name
    domain_name        = var.domain_name
    # The same script the runbook runs after a rebuild; first boot has no release to take it from.
    write_env_file = file("${path.module}/../scripts/write-env-file.sh")
  })

  # First boot reads the database password and may store the two secrets it generates.
  depends_on = [aws_ssm_parameter.database_password, aws_iam_role_policy.app]

  # A newer AMI or an edited bootstrap script must not replace a running server by surprise.
  lifecycle {
    ignore_changes = [ami, user_data]
  }

  tags = { Name = "${local.name}-app" }
}

# A fixed address for the DNS record; it survives stopping and starting the instance.
resource "aws_eip" "app" {
  domain   = "vpc"
  instance = aws_instance.app.id

  tags = { Name = "${local.name}-app" }
}

locals {
  redis_url = "rediss://${aws_elasticache_replication_group.main.primary_endpoint_address}:6379"
}
