# Redis 7 on ElastiCache: one node, private, encrypted at rest and in transit. It carries
# notifications between app processes only; losing it loses no data (see the runbook).

resource "aws_elasticache_subnet_group" "main" {
  name       = "${local.name}-redis"
  subnet_ids = aws_subnet.private[*].id
}

resource "aws_elasticache_replication_group" "main" {
  replication_group_id = "${local.name}-redis"
  description          = "TableOrder event fan-out between app processes"
  engine               = "redis"
  engine_version       = "7.1"
  node_type            = var.redis_node_type
  num_cache_clusters   = 1
  port                 = 6379

  subnet_group_name  = aws_elasticache_subnet_group.main.name
  security_group_ids = [aws_security_group.redis.id]

  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  automatic_failover_enabled = false
  auto_minor_version_upgrade = true
  apply_immediately          = false

  # Monday 03:00-04:00 in Korea. No snapshots: nothing in Redis needs keeping.
  maintenance_window       = "sun:18:00-sun:19:00"
  snapshot_retention_limit = 0
}
