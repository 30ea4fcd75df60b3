-- V013: two costs of ingest-feedback at batch 1 000 (docs/bench-feedback), without changing any result.

-- mail_status_rank was declared STRICT around a CASE body. PostgreSQL inlines a SQL function only when a STRICT
-- declaration is matched by a strict body, and CASE is not strict, so every call ran as a separate SQL-function
-- execution (about 6 µs each; ingest-feedback calls it about twice per event, claim-batch and the status check
-- constraint per row). Without STRICT the planner replaces each call by the CASE expression. The results are the
-- same: STRICT returned null for a null status without running the body, and the body's CASE has no ELSE, so it
-- returns null for null (and for any unknown status) as well.
alter function mail_status_rank(text) called on null input;

-- No statement looks mail_event up by SES message id (feedback finds the job through mail_message's index, operators
-- a job's events through mail_event_job_idx), yet every ingested event paid for an entry in this index.
drop index mail_event_ses_message_idx;
