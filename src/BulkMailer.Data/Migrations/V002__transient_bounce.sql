-- V002: the history the optional repeated-transient-bounce rule counts (FeedbackPolicyOptions.TransientBounceThreshold).

-- One row per (event, recipient) of a transient or undetermined bounce that is about the address (the event's
-- SuppressionCandidates). Recorded whether the rule is on or off, so that turning it on counts the recent past too.
-- Keyed by the event's identity: a redelivered bounce is not counted twice.
create table transient_bounce (
    event_key   text not null,
    email       text not null check (email = lower(email)),
    reason      text not null,
    occurred_at timestamptz not null,
    primary key (event_key, email)
);

-- ingest-feedback counts one address's bounces within the window.
create index transient_bounce_email_idx on transient_bounce (email, occurred_at);
