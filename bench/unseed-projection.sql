-- Removes what bench/seed-projection.sql added to ticket-query's read model (rows with app_id 'bench-seed').
SET search_path = ticket_query;
DELETE FROM ticket_user WHERE ticket_no IN (SELECT ticket_no FROM ticket WHERE app_id = 'bench-seed');
DELETE FROM ticket WHERE app_id = 'bench-seed';
VACUUM ANALYZE ticket;
VACUUM ANALYZE ticket_user;
