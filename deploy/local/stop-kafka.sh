#!/usr/bin/env bash
# Stop the local Kafka broker started by start-kafka.sh (SIGTERM, then wait).
# Data stays in run/kafka-data; `rm -rf deploy/local/run/kafka-data` for a clean broker.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
stop_pid kafka "${KAFKA_STOP_TIMEOUT:-60}"
