-- V004: the SES message id is indexed, no longer unique.
-- SES's ids are unique, but the database must not let data it does not control fail a batch: with a unique index, one
-- repeated id (seen here: aws-ses-v2-local draws 9 random digits, so a 100 000-mail run repeats a few) made
-- record-results fail for the whole batch on every redelivery — the batch was resent after its lease and ended in the
-- DLQ. Feedback still finds jobs by this index; the job-id tag remains the tie-breaker of last resort.
drop index mail_message_ses_message_id_key;
create index mail_message_ses_message_id_idx on mail_message (ses_message_id) where ses_message_id is not null;
