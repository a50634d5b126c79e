#!/usr/bin/env bash
# Reverse of up.sh: stop the services, then Kafka, then the local PostgreSQL cluster
# if (and only if) start-services.sh had to start one itself (a PostgreSQL that was
# already running is left alone).
set -euo pipefail
DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
"$DIR/stop-services.sh"
"$DIR/stop-kafka.sh"
PGPORT=5432 bash "$DIR/../../.ci/ensure-postgres.sh" stop
