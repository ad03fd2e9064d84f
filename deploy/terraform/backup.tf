# Daily snapshots of the app server's root volume, kept var.ebs_snapshot_retention_count days.
# Nothing on it is the only copy of anything (data: RDS; pictures: S3; secrets: Parameter Store;
# code: the release tarballs), so a rebuild starts from a fresh instance (runbook, "The instance
# is gone"); a snapshot is the fallback when that path is blocked, and keeps the last days' local
# logs and certificates.

resource "aws_dlm_lifecycle_policy" "app_volume" {
  description        = "${local.name}: daily snapshots of the app server root volume"
  execution_role_arn = aws_iam_role.dlm.arn
  state              = "ENABLED"

  policy_details {
    resource_types = ["VOLUME"]
    target_tags    = { Snapshot = "${local.name}-app" }

    schedule {
      name      = "daily"
      copy_tags = true

      # 03:30 in Korea, after the database backup window: restaurants are closed.
      create_rule {
        interval      = 24
        interval_unit = "HOURS"
        times         = ["18:30"]
      }

      retain_rule {
        count = var.ebs_snapshot_retention_count
      }

      tags_to_add = { SnapshotCreator = "dlm" }
    }
  }
}
