-- A table macro, created in the warehouse with its tables: village_latest_survey(day).
-- One row per surveyed village: its latest survey by any source on or before day (every survey when day is
-- null; queries/views/latest_surveys.sql), with that survey's source, date, technology, signal quality and tier.
-- Arguments: day
-- Grain: village_code
with latest_by_source as (
    select * from latest_surveys(day)
),

final as (
    select
        village_code,
        max(surveyed_on) as surveyed_on,
        -- Two sources on the same day: the one last in alphabetical order wins, so the choice is stable.
        arg_max(source, (surveyed_on, source)) as source,
        arg_max(best_technology, (surveyed_on, source)) as best_technology,
        arg_max(signal_quality, (surveyed_on, source)) as signal_quality,
        arg_max(signal_tier, (surveyed_on, source)) as signal_tier
    from latest_by_source
    group by village_code
)

select * from final
