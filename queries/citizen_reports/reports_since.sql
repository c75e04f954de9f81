-- How many reports came since a moment: from one client, and from everyone (the hourly limits).
-- Parameters: client_key, since.
-- Grain: one row
with recent as (
    select client_key
    from citizen_reports
    where created_at > $since
),

final as (
    select
        count(*) filter (where client_key = $client_key) as from_client,
        count(*) as from_everyone
    from recent
)

select * from final
