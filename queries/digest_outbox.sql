-- One row per message of the team's e-mail digest (smartisland/reporting/digest.py): to whom, in which language,
-- for which week (weekly) or change, the statuses it reported, the message itself, and whether and when it went.
-- Parameters: none.
-- Grain: digest_key, recipient
with final as (
    select
        digest_key,
        recipient,
        language,
        kind,
        period,
        fingerprint,
        statuses,
        message,
        created_at,
        sent_at,
        attempts,
        last_error
    from digest_outbox
    order by created_at, digest_key, recipient
)

select * from final
