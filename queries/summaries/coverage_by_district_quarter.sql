-- A summary table, refreshed in the same transaction as every change of the warehouse
-- (smartisland/warehouse.py: refresh_summaries), so that pages read one row per quarter, source and district
-- instead of every survey up to every quarter end.
-- One row per quarter end (from the quarter of the first survey to that of the latest), survey source and
-- district (district_code, the first eight characters of a village code) that source had surveyed by then: the
-- villages surveyed, and how many of them its latest survey by then (latest_surveys(day)) put in a tier with
-- any signal (not none) and in the tier good.
-- Period: quarter_end
-- Grain: quarter_end, source, district_code
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

final as (
    select
        quarter_ends.quarter_end,
        latest.source,
        left(latest.village_code, 8) as district_code,
        count(*) as villages_surveyed,
        count(*) filter (where latest.signal_tier <> 'none') as villages_with_signal,
        count(*) filter (where latest.signal_tier = 'good') as villages_good
    from quarter_ends
    inner join latest_surveys(quarter_ends.quarter_end) as latest on true
    group by quarter_ends.quarter_end, latest.source, left(latest.village_code, 8)
    order by quarter_ends.quarter_end, latest.source, district_code
)

select * from final
