-- One row per month end since the first installation: the percentage of villages (desa and kelurahan)
-- with at least one active public Wi-Fi point, as period_end and value; read from the summary by district and
-- month (queries/summaries/wifi_in_service_by_district.sql; a village lies in one district).
-- Parameters: none.
-- Grain: period_end
with villages as (
    select count(*) as village_count from village_places
),

month_ends as (
    select month_end as period_end from wifi_month_ends
),

covered as (
    select
        month_ends.period_end,
        coalesce(sum(districts.villages_with_points), 0)::bigint as village_count
    from month_ends
    left join wifi_in_service_by_district as districts on districts.month_end = month_ends.period_end
    group by month_ends.period_end
),

final as (
    select
        covered.period_end,
        100.0 * covered.village_count / nullif(villages.village_count, 0) as value
    from covered, villages
    order by covered.period_end
)

select * from final
