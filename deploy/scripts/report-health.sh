#!/usr/bin/env bash
# Publishes the app's health to CloudWatch, once a minute (tableorder-health.timer):
#   HealthCheckOk   1 when /health answers 200, else 0. The alarm on it also fires when nothing
#                   arrives at all (the server is gone): an app that systemd gave up restarting,
#                   a stopped instance and a dead one all page.
#   SseOpenStreams, TableSessionsOpen   gauges from /metrics for the dashboard (when it answers).
# Settings (environment; /etc/tableorder/monitoring.env on the server): METRIC_NAMESPACE
# (TableOrder/<environment>), AWS_REGION, HEALTH_URL, METRICS_URL. Needs curl and the AWS CLI with
# cloudwatch:PutMetricData on that namespace.
set -euo pipefail

namespace="${METRIC_NAMESPACE:?set METRIC_NAMESPACE, e.g. TableOrder/production}"
region="${AWS_REGION:?set AWS_REGION}"
health_url="${HEALTH_URL:-http://127.0.0.1:8000/health}"
metrics_url="${METRICS_URL:-http://127.0.0.1:8000/metrics}"

healthy=0
if curl -fsS --max-time 5 -o /dev/null "$health_url"; then healthy=1; fi

data="{\"MetricName\":\"HealthCheckOk\",\"Value\":$healthy,\"Unit\":\"Count\"}"
if metrics="$(curl -fsS --max-time 5 "$metrics_url" 2>/dev/null)"; then
  # Gauges only; a NaN (the database did not answer) is left out rather than sent. A labelled
  # gauge with no stream open has no sample line at all: its TYPE line says it is 0.
  streams="$(awk '/^# TYPE sse_open_streams / { seen = 1 } /^sse_open_streams[{ ]/ { sum += $NF; seen = 1 } END { if (seen) print sum + 0 }' <<<"$metrics")"
  sessions="$(awk '$1 == "table_sessions_open" && $2 != "NaN" { print $2 }' <<<"$metrics")"
  if [ -n "$streams" ]; then data="$data,{\"MetricName\":\"SseOpenStreams\",\"Value\":$streams,\"Unit\":\"Count\"}"; fi
  if [ -n "$sessions" ]; then data="$data,{\"MetricName\":\"TableSessionsOpen\",\"Value\":$sessions,\"Unit\":\"Count\"}"; fi
fi

aws cloudwatch put-metric-data --region "$region" --namespace "$namespace" --metric-data "[$data]"
if [ "$healthy" -ne 1 ]; then echo "report-health: $health_url did not answer 200" >&2; fi
