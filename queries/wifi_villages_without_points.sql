-- One row per village of the region with no public Wi-Fi point in service on $as_of: its names, type and
-- population, the most populous first.
-- Parameters: $region_code (province, regency or district code), $as_of (a date).
-- Grain: village_code
with villages as (
    select village_code, village_name, district_name, regency_name, village_type, population
    from village_places
    where starts_with(village_code, $region_code)
),

served as (
    select distinct village_code
    from points_in_service($as_of)
),

final as (
    select villages.*
    from villages
    left join served using (village_code)
    where served.village_code is null
    order by villages.population desc nulls last, villages.village_code
)

select * from final
