#!/usr/bin/env bash
# A tour of Baton's API through the demo leave-request workflow, against a running standalone Baton
# (bin/baton-standalone). Needs curl, openssl and jq.
#
# Every call is signed by a caller application (see README.md, "Calling the API"):
#   X-Baton-Signature = hex(HMAC-SHA256(secret, METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nUSER\nSHA256_HEX(BODY)))
set -euo pipefail

CONFIG=${BATON_CONFIG_URL:-http://localhost:8081}
COMMAND=${BATON_COMMAND_URL:-http://localhost:8082}
QUERY=${BATON_QUERY_URL:-http://localhost:8083}
NOTIFY=${BATON_NOTIFICATION_URL:-http://localhost:8084}
APP=${BATON_APP:-demo-oa}
SECRET=${BATON_SECRET:-demo-oa-secret}
ADMIN_APP=${BATON_ADMIN_APP:-admin-console}
ADMIN_SECRET=${BATON_ADMIN_SECRET:-admin-console-demo-secret}

# call METHOD BASE PATH USER [BODY] — prints the response body; fails on a non-2xx status.
call() {
  local method=$1 base=$2 path=$3 user=$4 body=${5:-} app=${CALL_APP:-$APP} secret=${CALL_SECRET:-$SECRET}
  local ts nonce body_hash signature
  ts=$(date +%s)
  nonce=$(openssl rand -hex 16)
  body_hash=$(printf '%s' "$body" | openssl dgst -sha256 -r | cut -d' ' -f1)
  signature=$(printf '%s\n%s\n%s\n%s\n%s\n%s' "$method" "$path" "$ts" "$nonce" "$user" "$body_hash" \
    | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)
  local args=(-sS -X "$method" "$base$path" -H "X-Baton-App: $app" -H "X-Baton-Timestamp: $ts"
    -H "X-Baton-Nonce: $nonce" -H "X-Baton-User: $user" -H "X-Baton-Signature: $signature"
    -w '\n%{http_code}')
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  [[ -n "${CALL_IDEMPOTENCY_KEY:-}" ]] && args+=(-H "Idempotency-Key: $CALL_IDEMPOTENCY_KEY")
  local response status
  response=$(curl "${args[@]}")
  status=${response##*$'\n'}
  response=${response%$'\n'*}
  if [[ $status != 2* ]]; then
    echo "!! $method $path as $user -> $status: $response" >&2
    return 1
  fi
  printf '%s' "$response"
}

step() { printf '\n== %s\n' "$*"; }

step "Workflows the demo caller may use (workflow-config)"
call GET "$CONFIG" /workflows alice | jq -c '.[] | {key, name, latestVersion}'

step "The published leave-request workflow, as an admin exports it (the same document import accepts)"
CALL_APP=$ADMIN_APP CALL_SECRET=$ADMIN_SECRET call GET "$CONFIG" /workflows/leave-request/export admin \
  | jq -c '{key, states: [.states[].key], transitions: [.transitions[] | "\(.from) -\(.key)-> \(.to)"]}'

step "alice asks for 5 days off: create and submit in one call (Idempotency-Key makes retries safe)"
request='{"workflow":"leave-request","title":"Family trip","fields":{"days":5,"reason":"family trip"},"transition":"submit"}'
key="tour-$(openssl rand -hex 8)"
created=$(CALL_IDEMPOTENCY_KEY=$key call POST "$COMMAND" /tickets alice "$request")
echo "$created" | jq -c .
retried=$(CALL_IDEMPOTENCY_KEY=$key call POST "$COMMAND" /tickets alice "$request")
echo "retried with the same key: same ticket? $([[ $(jq -r .ticketId <<<"$retried") == $(jq -r .ticketId <<<"$created") ]] && echo yes || echo NO)"
ticket=$(jq -r .ticketId <<<"$created")
version=$(jq -r .version <<<"$created")

step "lena (alice's department leader) sees it in her todo list (consistentWith waits for this write)"
call GET "$QUERY" "/tickets/todo?consistentWith=$ticket:$version" lena | jq -c '.items[] | {serialNo, title, state: .state.name}'

step "What lena may do now"
call GET "$QUERY" "/tickets/$ticket?minVersion=$version" lena | jq -c '{state: .state.name, fields: [.fields[] | {key, value, access}], actions}'

step "lena approves; more than 3 days routes to the directors, who must accept first"
version=$(call POST "$COMMAND" "/tickets/$ticket/handle" lena '{"transition":"leader_approve","comment":"enjoy"}' | jq -r .version)
call GET "$QUERY" "/tickets/$ticket?minVersion=$version" dirk | jq -c '{state: .state.name, assignment}'

step "dirk accepts, then approves"
call POST "$COMMAND" "/tickets/$ticket/accept" dirk '{}' | jq -c '{version, participants}'
version=$(call POST "$COMMAND" "/tickets/$ticket/handle" dirk '{"transition":"director_approve"}' | jq -r .version)

step "ops: one of five accepts and completes"
call GET "$QUERY" "/tickets/todo?consistentWith=$ticket:$version" ops4 | jq -c '[.items[] | .serialNo]'
call POST "$COMMAND" "/tickets/$ticket/accept" ops4 '{}' >/dev/null
version=$(call POST "$COMMAND" "/tickets/$ticket/handle" ops4 '{"transition":"complete","fields":{"ops_note":"HR system updated"}}' | jq -r .version)

step "The flow log: every entry holds the full ticket after that action"
call GET "$QUERY" "/tickets/$ticket/flow-log" alice \
  | jq -c '.entries[] | {seq, action, actor, state: .snapshot.state.key, status: .snapshot.status, participants: .snapshot.assignment.users}'

step "The step bar"
call GET "$QUERY" "/tickets/$ticket/steps" alice | jq -c '[.steps[] | "\(.name): \(.progress)"]'

step "What the ticket's people were told (notification-worker's delivery log; the standalone's demo channel writes each notice to its log and keeps none: set BATON_NOTIFICATION_WEBHOOK_URL to see deliveries here)"
for _ in $(seq 20); do  # the worker follows the events topic: a moment behind
  if deliveries=$(call GET "$NOTIFY" "/tickets/$ticket/deliveries" alice 2>/dev/null); then break; fi
  deliveries=''
  sleep 0.5
done
jq -c '[.[] | {recipient, kind, channel, status, subject}]' <<<"${deliveries:-[]}"

step "Refusals are problem+json with a stable code: the ticket is finished, and bob may not see it"
call POST "$COMMAND" "/tickets/$ticket/handle" bob '{"transition":"complete"}' || true
call GET "$QUERY" "/tickets/$ticket" bob || true

printf '\nTour complete: ticket %s finished in %s events.\n' "$ticket" "$((version + 1))"
