-- One row per regency: the percentage of its villages with at least one public Wi-Fi point active at
-- the latest month end of the data (period_end), as region_code, name, period_end and value.
-- Parameters: none.
-- Grain: region_code
with as_of as (
    select max(month_end) as period_end from wifi_month_ends
),

villages as (
    select village_code, regency_code, regency_name
    from village_places
    where regency_code is not null
),

active_villages as (
    select distinct points.village_code
    from as_of
    inner join points_in_service(as_of.period_end) as points on true
),

final as (
    select
        villages.regency_code as region_code,
        villages.regency_name as name,
        as_of.period_end,
        100.0 * count(active_villages.village_code) / count(*) as value
    from villages
    left join active_villages using (village_code)
    cross join as_of
    group by villages.regency_code, villages.regency_name, as_of.period_end
    order by villages.regency_code
)

select * from final
