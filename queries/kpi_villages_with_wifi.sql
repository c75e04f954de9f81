-- One row per month end since the first installation: the percentage of villages (desa and kelurahan)
-- with at least one active public Wi-Fi point, as period_end and value.
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
        count(distinct points.village_code) as village_count
    from month_ends
    left join points_in_service(month_ends.period_end) as points on true
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
