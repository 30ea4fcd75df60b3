-- V003: remember which SQS message holds a job's lease.
-- A second SQS message for a job that another message is sending (a producer's duplicate) can then be acknowledged
-- at once: the holding message stays in the queue until the job is final, so nothing is lost, and the duplicate no
-- longer waits out a visibility timeout. The same message delivered twice is still handed back.
alter table mail_message add column lease_message text;
