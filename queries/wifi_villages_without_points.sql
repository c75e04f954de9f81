-- One row per village of the region with no public Wi-Fi point in service on $as_of: its names, type and
-- population, the most populous first.
-- Parameters: $region_code (province, regency or district code), $as_of (a date).
with villages as (
    select region_code as village_code, name as village_name, village_type, population
    from regions
    where level = 'village' and starts_with(region_code, $region_code)
),

served as (
    select distinct village_code
    from wifi_points
    where installed_on <= $as_of
        and (decommissioned_on is null or decommissioned_on > $as_of)
),

final as (
    select
        villages.village_code,
        villages.village_name,
        districts.name as district_name,
        regencies.name as regency_name,
        villages.village_type,
        villages.population
    from villages
    left join served using (village_code)
    left join regions as districts on districts.region_code = left(villages.village_code, 8)
    left join regions as regencies on regencies.region_code = left(villages.village_code, 5)
    where served.village_code is null
    order by villages.population desc nulls last, villages.village_code
)

select * from final
