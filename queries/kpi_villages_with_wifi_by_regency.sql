-- One row per regency: the percentage of its villages with at least one public Wi-Fi point active at
-- the latest month end of the data (period_end), as region_code, name, period_end and value.
-- Parameters: none.
with points as (
    select village_code, installed_on, decommissioned_on from wifi_points
),

as_of as (
    select max(month_end) as period_end from wifi_month_ends
),

villages as (
    select
        villages.region_code as village_code,
        districts.parent_code as regency_code
    from regions as villages
    inner join regions as districts on districts.region_code = villages.parent_code
    where villages.level = 'village'
),

active_villages as (
    select distinct points.village_code
    from points, as_of
    where points.installed_on <= as_of.period_end
        and (points.decommissioned_on is null or points.decommissioned_on > as_of.period_end)
),

final as (
    select
        regencies.region_code,
        regencies.name,
        as_of.period_end,
        100.0 * count(active_villages.village_code) / count(*) as value
    from villages
    inner join regions as regencies on regencies.region_code = villages.regency_code
    left join active_villages on active_villages.village_code = villages.village_code
    cross join as_of
    group by regencies.region_code, regencies.name, as_of.period_end
    order by regencies.region_code
)

select * from final
