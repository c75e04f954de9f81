-- A view, created in the warehouse with its tables, read by queries like a table.
-- One row per province survey round and village surveyed by then: period_end (the last province survey day
-- of a year with province surveys), village_code, and the village's signal tier by its latest province survey
-- up to that day. The province's own count is the official one; other sources are compared elsewhere.
with surveys as (
    select village_code, surveyed_on, signal_tier
    from signal_survey_tiers
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
        surveys.village_code,
        arg_max(surveys.signal_tier, surveys.surveyed_on) as signal_tier
    from rounds
    inner join surveys on surveys.surveyed_on <= rounds.period_end
    group by rounds.period_end, surveys.village_code
)

select * from final
