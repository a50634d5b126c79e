-- workflow-config's own state. Every change the other services must see also writes its topic record into
-- outbox in the same transaction; the outbox relay sends those rows to Kafka and deletes them.

-- The working copy of a workflow an admin edits; not visible to other services.
CREATE TABLE workflow_draft (
    key        text        PRIMARY KEY,
    definition jsonb       NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL
);

-- Published, numbered versions: immutable once written (tickets stay on the version they started with).
CREATE TABLE workflow_version (
    key          text        NOT NULL,
    version      integer     NOT NULL CHECK (version > 0),
    definition   jsonb       NOT NULL,
    published_at timestamptz NOT NULL,
    published_by text        NOT NULL,
    PRIMARY KEY (key, version)
);

CREATE FUNCTION workflow_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'published workflow versions are immutable (%@%)', OLD.key, OLD.version;
END;
$$;

CREATE TRIGGER workflow_version_immutable
    BEFORE UPDATE OR DELETE ON workflow_version
    FOR EACH ROW EXECUTE FUNCTION workflow_version_immutable();

-- The department tree. The parent reference is checked at commit so a bulk sync may write in any order.
CREATE TABLE directory_department (
    id        text   PRIMARY KEY,
    name      text   NOT NULL,
    parent_id text   NULL REFERENCES directory_department (id) DEFERRABLE INITIALLY DEFERRED,
    leader    text   NULL,
    approvers text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX directory_department_parent ON directory_department (parent_id);

CREATE TABLE directory_role (
    id   text PRIMARY KEY,
    name text NOT NULL
);

-- People; memberships live on the user. Users are deactivated, never deleted: tickets name them.
CREATE TABLE directory_user (
    username    text    PRIMARY KEY,
    name        text    NOT NULL,
    email       text    NULL,
    active      boolean NOT NULL,
    departments text[]  NOT NULL DEFAULT '{}',
    roles       text[]  NOT NULL DEFAULT '{}'
);
CREATE INDEX directory_user_departments ON directory_user USING gin (departments);
CREATE INDEX directory_user_roles ON directory_user USING gin (roles);

-- Client systems allowed to call Baton, with the HMAC secret they sign requests with.
CREATE TABLE caller_app (
    app_id     text        PRIMARY KEY,
    name       text        NOT NULL,
    secret     text        NOT NULL,
    admin      boolean     NOT NULL,
    workflows  text[]      NOT NULL DEFAULT '{}',
    active     boolean     NOT NULL,
    created_at timestamptz NOT NULL
);

-- Topic records waiting to be sent, in commit order per key; value NULL is a tombstone.
CREATE TABLE outbox (
    id         bigserial   PRIMARY KEY,
    topic      text        NOT NULL,
    record_key text        NOT NULL,
    value      text        NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
