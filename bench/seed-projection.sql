-- Fills ticket-query's read model with 1,000,000 synthetic leave-request tickets (100,000 of them open) spread over
-- 2,000 users, for measuring GET /tickets/todo with a big projection (bench mode `todo`, see docs/benchmarks.md).
-- Plain SQL (no psql meta-commands): run it with psql or with `bench/run.sh seed` against the database the running
-- ticket-query reads, e.g. the standalone's embedded PostgreSQL:
--
--   psql -h 127.0.0.1 -p 55432 -U postgres -d baton -f bench/seed-projection.sql
--
-- Re-runnable: it first removes an earlier seed (bench/unseed-projection.sql does only that). Seeded rows have
-- app_id 'bench-seed', ids md5('baton-seed-<n>') as UUIDs, serial numbers SEED-<n>, and users no demo user has:
--
--   su0001..su1820   1,820 requesters, in 100 departments (creator n -> department ((n-1) % 100) + 1)
--   slead001..100    the 100 department leaders (leader_approval, ANY_ONE)
--   sdir01..30       10 director groups of 3, one per 10 departments (director_approval, ACCEPT_FIRST, > 3 days)
--   sops01..50       10 ops teams of 5 (ops_handling, ACCEPT_FIRST)
--
-- Tickets n = 1..1,000,000 were created evenly over the last 730 days (n = 1,000,000 now). Open are the 70,000
-- tickets n > 920,000 with n % 8 <> 0 (recent work) plus 30,000 older stragglers (n <= 920,000, n % 92 in 0/31/61):
-- exactly 100,000. An open ticket waits at: leader 55 %; director offered 10 % / accepted 5 % (ops offered /
-- accepted instead when 3 days or less); ops offered 10 % / accepted 15 %; sent back to the creator 5 %. Everyone a
-- ticket passed has a ticket_user row (creator; leader; all three directors when > 3 days; all five ops), as the
-- projector writes them, so there are ~7.5 rows per ticket and todo lists are skewed as in real life: a requester
-- has ~3 open todos, a leader ~550, a director ~470, an ops member ~2,000 (the API reads only the newest page).
-- flow_log is not filled: no list reads it.

SET search_path = ticket_query;
SET synchronous_commit = off;
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';

DELETE FROM ticket_user WHERE ticket_no IN (SELECT ticket_no FROM ticket WHERE app_id = 'bench-seed');
DELETE FROM ticket WHERE app_id = 'bench-seed';

DROP TABLE IF EXISTS pg_temp.seed;
CREATE TEMP TABLE seed AS
WITH base AS (
    SELECT n,
           md5('baton-seed-' || n)::uuid::text                                       AS ticket_id,
           'SEED-' || lpad(n::text, 7, '0')                                          AS serial_no,
           1 + (hashint4(n) & 2147483647) % 1820                                     AS requester,
           1 + (hashint4(n + 7000000) & 2147483647) % 5                              AS days,
           ((hashint4(n + 9000000) & 2147483647) % 1000) / 1000.0                    AS r,
           (n > 920000 AND n % 8 <> 0) OR (n <= 920000 AND n % 92 IN (0, 31, 61))   AS open,
           now() - (1000000 - n) * interval '63072 milliseconds'                     AS created_at
    FROM generate_series(1, 1000000) AS n
), staged AS (
    SELECT b.*,
           1 + (requester - 1) % 100                                                  AS dept,
           CASE WHEN NOT open THEN 'done'
                WHEN r < 0.55 THEN 'leader'
                WHEN r < 0.65 THEN CASE WHEN days > 3 THEN 'director_offered' ELSE 'ops_offered' END
                WHEN r < 0.70 THEN CASE WHEN days > 3 THEN 'director_accepted' ELSE 'ops_accepted' END
                WHEN r < 0.80 THEN 'ops_offered'
                WHEN r < 0.95 THEN 'ops_accepted'
                ELSE 'rejected' END                                                   AS stage
    FROM base b
)
SELECT s.*,
       'su' || lpad(requester::text, 4, '0')                                           AS creator,
       'slead' || lpad(dept::text, 3, '0')                                            AS leader,
       (dept - 1) % 10                                                                AS director_group,
       n % 10                                                                         AS ops_team,
       1 + (n / 7) % 3                                                                AS director_pick,
       1 + (n / 10) % 5                                                               AS ops_pick,
       CASE stage WHEN 'done' THEN 'done' WHEN 'leader' THEN 'leader_approval'
                  WHEN 'director_offered' THEN 'director_approval' WHEN 'director_accepted' THEN 'director_approval'
                  WHEN 'rejected' THEN 'draft' ELSE 'ops_handling' END                 AS state_key,
       CASE stage WHEN 'done' THEN 'FINISHED' WHEN 'rejected' THEN 'REJECTED' ELSE 'IN_PROGRESS' END AS status,
       created_at + interval '1 hour' * (1 + (n % 48))                                 AS updated_at
FROM staged s;

-- Who has the ticket in their todo list now.
ALTER TABLE seed ADD COLUMN todo_users text[];
UPDATE seed SET todo_users = CASE stage
    WHEN 'done' THEN ARRAY[]::text[]
    WHEN 'leader' THEN ARRAY[leader]
    WHEN 'rejected' THEN ARRAY[creator]
    WHEN 'director_offered' THEN ARRAY(SELECT 'sdir' || lpad((director_group * 3 + i)::text, 2, '0') FROM generate_series(1, 3) i)
    WHEN 'director_accepted' THEN ARRAY['sdir' || lpad((director_group * 3 + director_pick)::text, 2, '0')]
    WHEN 'ops_offered' THEN ARRAY(SELECT 'sops' || lpad((ops_team * 5 + i)::text, 2, '0') FROM generate_series(1, 5) i)
    ELSE ARRAY['sops' || lpad((ops_team * 5 + ops_pick)::text, 2, '0')] END;

INSERT INTO ticket (ticket_id, serial_no, workflow_key, workflow_version, workflow_name, title, creator, app_id,
                    state_key, state_name, state_type, status, distribution, participants, awaiting_accept, done,
                    sign_requested_by, fields, created_at, created_at_nanos, updated_at, updated_at_nanos, version)
SELECT ticket_id, serial_no, 'leave-request', 1, 'Leave request', creator || ' leave ' || days || 'd', creator,
       'bench-seed', state_key, st.name, st.type, status,
       CASE WHEN state_key IN ('director_approval', 'ops_handling') THEN 'ACCEPT_FIRST' ELSE 'ANY_ONE' END,
       todo_users, stage IN ('director_offered', 'ops_offered'), ARRAY[]::text[], NULL, f.fields,
       created_at, 0, updated_at, 0, v.version
FROM seed
CROSS JOIN LATERAL (SELECT CASE state_key WHEN 'draft' THEN 'Draft' WHEN 'leader_approval' THEN 'Leader approval'
                                          WHEN 'director_approval' THEN 'Director approval'
                                          WHEN 'ops_handling' THEN 'Ops handling' ELSE 'Done' END AS name,
                           CASE state_key WHEN 'draft' THEN 'START' WHEN 'done' THEN 'END' ELSE 'NORMAL' END AS type) st
CROSS JOIN LATERAL (SELECT CASE WHEN stage = 'done'
                                THEN jsonb_build_object('days', days, 'reason', 'rest', 'ops_note', 'booked')
                                ELSE jsonb_build_object('days', days, 'reason', 'rest') END AS fields) f
CROSS JOIN LATERAL (SELECT CASE stage WHEN 'leader' THEN 1 WHEN 'rejected' THEN 2 WHEN 'director_offered' THEN 2
                                      WHEN 'director_accepted' THEN 3 WHEN 'ops_offered' THEN CASE WHEN days > 3 THEN 4 ELSE 2 END
                                      WHEN 'ops_accepted' THEN CASE WHEN days > 3 THEN 5 ELSE 3 END
                                      ELSE CASE WHEN days > 3 THEN 6 ELSE 4 END END AS version) v;

-- One row per (user, ticket) the user is related to, as the projector writes them.
INSERT INTO ticket_user (username, created_at, ticket_no, todo, creator, acted, assigned)
SELECT u.username, s.created_at, t.ticket_no, u.username = ANY (s.todo_users), u.creator, u.acted, true
FROM seed s
JOIN ticket t ON t.ticket_id = s.ticket_id
CROSS JOIN LATERAL (
    -- the requester
    SELECT s.creator AS username, true AS creator, true AS acted
    UNION ALL
    -- the department leader (acted unless the ticket still waits for them)
    SELECT s.leader, false, s.stage <> 'leader'
    UNION ALL
    -- the three directors, for more than three days once past the leader
    SELECT 'sdir' || lpad((s.director_group * 3 + i)::text, 2, '0'), false,
           i = s.director_pick AND s.stage NOT IN ('director_offered')
    FROM generate_series(1, 3) i
    WHERE s.days > 3 AND s.stage NOT IN ('leader', 'rejected')
    UNION ALL
    -- the five ops, once the ticket reached ops
    SELECT 'sops' || lpad((s.ops_team * 5 + i)::text, 2, '0'), false,
           i = s.ops_pick AND s.stage IN ('ops_accepted', 'done')
    FROM generate_series(1, 5) i
    WHERE s.stage IN ('ops_offered', 'ops_accepted', 'done')
) u;

DROP TABLE seed;
ANALYZE ticket;
ANALYZE ticket_user;

-- What was seeded.
SELECT count(*) AS tickets, count(*) FILTER (WHERE status NOT IN ('FINISHED', 'CLOSED')) AS open
FROM ticket WHERE app_id = 'bench-seed';
