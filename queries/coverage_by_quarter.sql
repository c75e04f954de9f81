-- One row per quarter end (from the first survey to the latest) and survey source: the villages of the
-- region that source had surveyed by then, and how many of them its latest survey by then put in a tier
-- with any signal (not none) and in the tier good (queries/views/signal_survey_tiers.sql); read from the summary
-- by district and quarter (queries/summaries/coverage_by_district_quarter.sql).
-- Parameters: $region_code (province, regency or district code).
-- Grain: quarter_end, source
with in_region as (
    select *
    from coverage_by_district_quarter
    where starts_with(district_code, $region_code)
),

final as (
    select
        quarter_end,
        source,
        sum(villages_surveyed)::bigint as villages_surveyed,
        sum(villages_with_signal)::bigint as villages_with_signal,
        sum(villages_good)::bigint as villages_good
    from in_region
    group by quarter_end, source
    order by quarter_end, source
)

select * from final
