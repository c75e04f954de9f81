-- One row per month end since the first installation: the percentage of villages (desa and kelurahan)
-- with at least one active public Wi-Fi point, as period_end and value.
-- Parameters: none.
with points as (
    select village_code, installed_on, decommissioned_on from wifi_points
),

villages as (
    select count(*) as village_count from regions where level = 'village'
),

month_ends as (
    select month_end as period_end from wifi_month_ends
),

covered as (
    select
        month_ends.period_end,
        count(distinct points.village_code) as village_count
    from month_ends
    left join points
        on points.installed_on <= month_ends.period_end
        and (points.decommissioned_on is null or points.decommissioned_on > month_ends.period_end)
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
