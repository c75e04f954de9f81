-- One row per quarter end (from the first survey to the latest) and survey source: the villages of the
-- region that source had surveyed by then, and how many of them its latest survey by then found with any
-- signal and with 4G or better and a good signal.
-- Parameters: $region_code (province, regency or district code).
with surveys as (
    select village_code, source, surveyed_on, best_technology, signal_quality
    from signal_surveys
    where starts_with(village_code, $region_code)
),

bounds as (
    select
        date_trunc('quarter', min(surveyed_on)) as first_quarter,
        date_trunc('quarter', max(surveyed_on)) as last_quarter
    from signal_surveys
),

quarter_ends as (
    select (unnest(generate_series(first_quarter, last_quarter, interval 3 month)) + interval 3 month
        - interval 1 day)::date as quarter_end
    from bounds
),

latest_by_then as (
    select
        quarter_ends.quarter_end,
        surveys.source,
        surveys.village_code,
        arg_max(surveys.best_technology, surveys.surveyed_on) as best_technology,
        arg_max(surveys.signal_quality, surveys.surveyed_on) as signal_quality
    from quarter_ends
    inner join surveys on surveys.surveyed_on <= quarter_ends.quarter_end
    group by quarter_ends.quarter_end, surveys.source, surveys.village_code
),

final as (
    select
        quarter_end,
        source,
        count(*) as villages_surveyed,
        count(*) filter (where signal_quality <> 'none' and best_technology <> 'none') as villages_with_signal,
        count(*) filter (where signal_quality = 'good' and best_technology in ('4g', '5g')) as villages_good
    from latest_by_then
    group by quarter_end, source
    order by quarter_end, source
)

select * from final
