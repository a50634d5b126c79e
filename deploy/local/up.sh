#!/usr/bin/env bash
# Everything up, no Docker: PostgreSQL check/start, Kafka broker, then the four services.
set -euo pipefail
DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
"$DIR/start-kafka.sh"
"$DIR/start-services.sh" "$@"
