-- Statements on suppression.

-- name: suppress
-- Why: operators (and tests) add an address by hand; lower-cased so lookups in claim-batch are exact.
insert into suppression (email, reason, source)
values (lower(@Email), @Reason, @Source)
on conflict (email) do nothing;
