-- A view, created in the warehouse with its tables, read by queries like a table.
-- One row per province survey round and village surveyed by then: period_end (the last province survey day
-- of a year with province surveys), village_code, and the village's signal tier by its latest province survey
-- up to that day. The province's own count is the official one; other sources are compared elsewhere.
-- Grain: period_end, village_code
with surveys as (
    select surveyed_on
    from signal_surveys
    where source = 'province'
),

rounds as (
    select max(surveyed_on) as period_end
    from surveys
    group by year(surveyed_on)
),

final as (
    select
        rounds.period_end,
        latest.village_code,
        latest.signal_tier
    from rounds
    inner join latest_surveys(rounds.period_end) as latest on latest.source = 'province'
)

select * from final
