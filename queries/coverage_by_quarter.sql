-- One row per quarter end (from the first survey to the latest) and survey source: the villages of the
-- region that source had surveyed by then, and how many of them its latest survey by then put in a tier
-- with any signal (not none) and in the tier good (queries/views/signal_survey_tiers.sql).
-- Parameters: $region_code (province, regency or district code).
-- Grain: quarter_end, source
with surveys as (
    select surveyed_on from signal_surveys
),

bounds as (
    select
        date_trunc('quarter', min(surveyed_on)) as first_quarter,
        date_trunc('quarter', max(surveyed_on)) as last_quarter
    from surveys
),

quarter_ends as (
    select (unnest(generate_series(first_quarter, last_quarter, interval 3 month)) + interval 3 month
        - interval 1 day)::date as quarter_end
    from bounds
),

latest_by_then as (
    select
        quarter_ends.quarter_end,
        latest.source,
        latest.village_code,
        latest.signal_tier
    from quarter_ends
    inner join latest_surveys(quarter_ends.quarter_end) as latest on starts_with(latest.village_code, $region_code)
),

final as (
    select
        quarter_end,
        source,
        count(*) as villages_surveyed,
        count(*) filter (where signal_tier <> 'none') as villages_with_signal,
        count(*) filter (where signal_tier = 'good') as villages_good
    from latest_by_then
    group by quarter_end, source
    order by quarter_end, source
)

select * from final
