#!/usr/bin/env bash
# Stop the services started by start-services.sh, in reverse start order.
#   deploy/local/stop-services.sh                  # all
#   deploy/local/stop-services.sh ticket-query     # only some
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ $# -gt 0 ]]; then
  SERVICES=("$@")
else
  SERVICES=(notification-worker ticket-query ticket-command workflow-config)
fi
for name in "${SERVICES[@]}"; do
  stop_pid "$name" "${BATON_STOP_TIMEOUT:-30}"
done
