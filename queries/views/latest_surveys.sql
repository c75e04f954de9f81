-- A table macro, created in the warehouse with its tables: latest_surveys(day).
-- One row per village and survey source: that source's latest survey of the village on or before day (every
-- survey when day is null), with its date, technology, signal quality and signal tier
-- (queries/views/signal_survey_tiers.sql). The one place that says which survey is a village's latest.
-- Arguments: day
-- Grain: village_code, source
with surveys as (
    select *
    from signal_survey_tiers
    where day is null or surveyed_on <= day
),

final as (
    select
        village_code,
        source,
        max(surveyed_on) as surveyed_on,
        arg_max(best_technology, surveyed_on) as best_technology,
        arg_max(signal_quality, surveyed_on) as signal_quality,
        arg_max(signal_tier, surveyed_on) as signal_tier
    from surveys
    group by village_code, source
)

select * from final
