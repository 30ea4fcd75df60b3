-- Statements on suppression.

-- name: suppress
-- Why: one address at a time (tests, and the unsubscribe function's one-click POST); lower-cased so lookups in
-- claim-batch are exact, idempotent (an address already listed keeps its first reason). No conflict target: the
-- primary key is the only unique constraint, and a target would need SELECT, which the insert-only unsubscribe role
-- (V010) must not have.
insert into suppression (email, reason, source)
values (lower(@Email), @Reason, @Source)
on conflict do nothing;

-- name: suppression-add
-- Why: `bulkmailer suppression add` and import, many addresses per round trip; lower-cased so claim-batch's lookup is
-- exact, idempotent (an address already listed keeps its first reason). Returns how many were new.
with added as (
    insert into suppression (email, reason, source)
    select distinct on (email) email, reason, @Source
      from (select lower(e) as email, r as reason, o
              from unnest(@Emails::text[], @Reasons::text[]) with ordinality as t(e, r, o)) x
     order by email, o
    on conflict (email) do nothing
    returning 1
)
select count(*)::int from added;

-- name: suppression-remove
-- Why: an operator lifts a suppression; removing an address that is not listed changes nothing.
delete from suppression
 where email = lower(@Email);

-- name: suppression-list
-- Why: list and export read the whole list in address order, a page after @After at a time, so a large list is
-- streamed and never held in memory at once.
select email as Email, reason as Reason, source as Source, created_at as CreatedAt
  from suppression
 where email > @After
 order by email
 limit @Limit;
