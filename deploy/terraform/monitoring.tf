# Logs shipped by the CloudWatch agent, metrics read from the app's JSON log lines, the health
# metric the server publishes every minute, the alarms that page (SNS, mail) and a dashboard.
# Every alarm is listed in the runbook ("Monitoring") with what to do when it fires.

locals {
  # One namespace per environment: metric filters cannot add a constant dimension.
  metric_namespace = "${var.project}/${var.environment}"
  alarm_actions    = [aws_sns_topic.alarms.arn]
  # The app's request log lines (pino JSON, server/app.ts): msg "request", or "Slow API" past 500 ms.
  request_line = "($.msg = \"request\" || $.msg = \"Slow API\")"
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/${var.project}/${var.environment}/app"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "nginx" {
  name              = "/${var.project}/${var.environment}/nginx"
  retention_in_days = var.log_retention_days
}

# RDS creates this group itself when exporting logs; declaring it sets the retention.
resource "aws_cloudwatch_log_group" "postgres" {
  name              = "/aws/rds/instance/${local.name}-db/postgresql"
  retention_in_days = var.log_retention_days
}

resource "aws_sns_topic" "alarms" {
  name = "${local.name}-alarms"
}

resource "aws_sns_topic_subscription" "alarm_email" {
  count = var.alarm_email == "" ? 0 : 1

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

# --- Metrics from the app's log lines ------------------------------------------------------------

resource "aws_cloudwatch_log_metric_filter" "requests" {
  name           = "${local.name}-requests"
  log_group_name = aws_cloudwatch_log_group.app.name
  pattern        = "{ ${local.request_line} }"

  metric_transformation {
    namespace     = local.metric_namespace
    name          = "Requests"
    value         = "1"
    default_value = "0"
    unit          = "Count"
  }
}

resource "aws_cloudwatch_log_metric_filter" "server_errors" {
  name           = "${local.name}-server-errors"
  log_group_name = aws_cloudwatch_log_group.app.name
  pattern        = "{ ${local.request_line} && $.status >= 500 }"

  metric_transformation {
    namespace     = local.metric_namespace
    name          = "ServerErrors"
    value         = "1"
    default_value = "0"
    unit          = "Count"
  }
}

resource "aws_cloudwatch_log_metric_filter" "latency" {
  name           = "${local.name}-latency"
  log_group_name = aws_cloudwatch_log_group.app.name
  pattern        = "{ ${local.request_line} && $.ms >= 0 }"

  metric_transformation {
    namespace = local.metric_namespace
    name      = "RequestLatency"
    value     = "$.ms"
    unit      = "Milliseconds"
  }
}

resource "aws_cloudwatch_log_metric_filter" "orders" {
  name           = "${local.name}-orders"
  log_group_name = aws_cloudwatch_log_group.app.name
  pattern        = "{ ${local.request_line} && $.method = \"POST\" && $.route = \"/api/v1/table/orders\" && $.status = 201 }"

  metric_transformation {
    namespace     = local.metric_namespace
    name          = "OrdersCreated"
    value         = "1"
    default_value = "0"
    unit          = "Count"
  }
}

# --- Alarms ------------------------------------------------------------------------------------

# Failing requests: more than 5 % answered 5xx in 3 of 5 minutes, counted only from 20 requests a
# minute on (two errors among the first three requests after a quiet night are not an outage).
resource "aws_cloudwatch_metric_alarm" "http_5xx_rate" {
  alarm_name          = "${local.name}-http-5xx-rate"
  alarm_description   = "More than ${var.http_5xx_alarm_threshold_percent}% of requests answered 5xx. Logs Insights: level >= 50 (runbook, Monitoring)."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.http_5xx_alarm_threshold_percent
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  metric_query {
    id          = "rate"
    expression  = "IF(requests >= 20, 100 * errors / requests, 0)"
    label       = "5xx share of requests (%)"
    return_data = true
  }

  metric_query {
    id = "requests"

    metric {
      namespace   = local.metric_namespace
      metric_name = "Requests"
      period      = 60
      stat        = "Sum"
    }
  }

  metric_query {
    id = "errors"

    metric {
      namespace   = local.metric_namespace
      metric_name = "ServerErrors"
      period      = 60
      stat        = "Sum"
    }
  }
}

# Published every minute by the server itself (tableorder-health.timer): 0 when /health fails,
# nothing when the server is gone. Missing data is breaching, so a dead instance, a stopped one
# and an app systemd gave up on all page after three minutes; a restart during a deploy does not.
resource "aws_cloudwatch_metric_alarm" "app_health" {
  alarm_name          = "${local.name}-app-health"
  alarm_description   = "/health failing, or no health report from the server, for 3 minutes: the app is down or the server is gone (runbook, Troubleshooting and The instance is gone)."
  namespace           = local.metric_namespace
  metric_name         = "HealthCheckOk"
  statistic           = "Minimum"
  period              = 60
  evaluation_periods  = 3
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  treat_missing_data  = "breaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

# The hardware under the instance failed: EC2 moves it to healthy hardware (same id, address and
# volume), then mails.
resource "aws_cloudwatch_metric_alarm" "system_status" {
  alarm_name          = "${local.name}-app-system-status"
  alarm_description   = "EC2 system status check failed for 2 minutes: the instance is being recovered onto other hardware."
  namespace           = "AWS/EC2"
  metric_name         = "StatusCheckFailed_System"
  dimensions          = { InstanceId = aws_instance.app.id }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 2
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  alarm_actions       = ["arn:aws:automate:${var.aws_region}:ec2:recover", aws_sns_topic.alarms.arn]
  ok_actions          = local.alarm_actions
}

# The operating system stopped answering (kernel panic, out of memory): reboot it.
resource "aws_cloudwatch_metric_alarm" "instance_status" {
  alarm_name          = "${local.name}-app-instance-status"
  alarm_description   = "EC2 instance status check failed for 3 minutes: the instance is being rebooted."
  namespace           = "AWS/EC2"
  metric_name         = "StatusCheckFailed_Instance"
  dimensions          = { InstanceId = aws_instance.app.id }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  alarm_actions       = ["arn:aws:automate:${var.aws_region}:ec2:reboot", aws_sns_topic.alarms.arn]
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "app_cpu" {
  alarm_name          = "${local.name}-app-cpu-high"
  alarm_description   = "App server CPU above ${var.cpu_alarm_threshold_percent}% for 15 minutes: scale up or out (see the runbook)."
  namespace           = "AWS/EC2"
  metric_name         = "CPUUtilization"
  dimensions          = { InstanceId = aws_instance.app.id }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.cpu_alarm_threshold_percent
  treat_missing_data  = "missing"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "db_cpu" {
  alarm_name          = "${local.name}-db-cpu-high"
  alarm_description   = "Database CPU above 80% for 15 minutes."
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  dimensions          = { DBInstanceIdentifier = aws_db_instance.main.identifier }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "db_connections" {
  alarm_name          = "${local.name}-db-connections-high"
  alarm_description   = "More than ${var.db_connections_alarm_threshold} database connections for 10 minutes: replicas x DATABASE_POOL_SIZE near max_connections, or connections leaking."
  namespace           = "AWS/RDS"
  metric_name         = "DatabaseConnections"
  dimensions          = { DBInstanceIdentifier = aws_db_instance.main.identifier }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.db_connections_alarm_threshold
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "db_storage" {
  alarm_name          = "${local.name}-db-storage-low"
  alarm_description   = "Less than 2 GB of database storage left."
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  dimensions          = { DBInstanceIdentifier = aws_db_instance.main.identifier }
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "LessThanThreshold"
  threshold           = 2 * 1024 * 1024 * 1024
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

# --- Uptime from outside -------------------------------------------------------------------------

# https://<domain>/health as the guests reach it (DNS, TLS, nginx, app), from Route 53's checkers
# around the world. Its metric exists in us-east-1 only, so the alarm and its topic live there.
resource "aws_route53_health_check" "uptime" {
  count = var.domain_name == "" ? 0 : 1

  fqdn              = var.domain_name
  type              = "HTTPS_STR_MATCH"
  port              = 443
  resource_path     = "/health"
  search_string     = "\"status\":\"ok\""
  request_interval  = 30
  failure_threshold = 3

  tags = { Name = "${local.name}-uptime" }
}

resource "aws_sns_topic" "alarms_us_east_1" {
  count    = var.domain_name == "" ? 0 : 1
  provider = aws.us_east_1

  name = "${local.name}-alarms"
}

resource "aws_sns_topic_subscription" "alarm_email_us_east_1" {
  count    = var.domain_name != "" && var.alarm_email != "" ? 1 : 0
  provider = aws.us_east_1

  topic_arn = aws_sns_topic.alarms_us_east_1[0].arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

resource "aws_cloudwatch_metric_alarm" "uptime" {
  count    = var.domain_name == "" ? 0 : 1
  provider = aws.us_east_1

  alarm_name          = "${local.name}-uptime"
  alarm_description   = "https://${var.domain_name}/health unreachable or unhealthy from outside for 2 minutes."
  namespace           = "AWS/Route53"
  metric_name         = "HealthCheckStatus"
  dimensions          = { HealthCheckId = aws_route53_health_check.uptime[0].id }
  statistic           = "Minimum"
  period              = 60
  evaluation_periods  = 2
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  treat_missing_data  = "breaching"
  alarm_actions       = [aws_sns_topic.alarms_us_east_1[0].arn]
  ok_actions          = [aws_sns_topic.alarms_us_east_1[0].arn]
}

# --- Dashboard ---------------------------------------------------------------------------------

resource "aws_cloudwatch_dashboard" "main" {
  dashboard_name = local.name
  dashboard_body = templatefile("${path.module}/dashboard.json.tftpl", {
    region         = var.aws_region
    namespace      = local.metric_namespace
    instance_id    = aws_instance.app.id
    db_instance    = aws_db_instance.main.identifier
    cache_cluster  = tolist(aws_elasticache_replication_group.main.member_clusters)[0]
    alarm_5xx_arn  = aws_cloudwatch_metric_alarm.http_5xx_rate.arn
    alarm_health   = aws_cloudwatch_metric_alarm.app_health.arn
    threshold_5xx  = var.http_5xx_alarm_threshold_percent
    threshold_conn = var.db_connections_alarm_threshold
  })
}
