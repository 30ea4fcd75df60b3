-- Statements on mail_event that are not part of feedback ingestion (feedback.sql).

-- name: prune-events
-- Why: retention (`bulkmailer prune`, docs/operators.md): raw SES events carry addresses, IPs and user agents, so
-- old ones are deleted; at most @Limit rows per statement, so a large backlog never holds one long transaction or
-- lock. Rows without an SES event time are aged by when they were received.
delete from mail_event
 where id in (select id from mail_event
               where coalesce(occurred_at, received_at) < @Before
               limit @Limit);
