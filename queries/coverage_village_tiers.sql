-- One row per village of the region: its signal tier from its latest survey by any source (none, weak,
-- no_4g = a good signal but only 2G/3G, good = 4G or better with a good signal), that survey's source and
-- date, and the village's place, population and position. A village never surveyed has no tier.
-- Parameters: $region_code (province, regency or district code).
-- Grain: village_code
with villages as (
    select village_code, village_name, district_name, regency_name, population, lat, lon
    from village_places
    where starts_with(village_code, $region_code)
),

latest_survey as (
    select * from village_latest_survey(null)
),

final as (
    select
        villages.village_code,
        villages.village_name,
        villages.district_name,
        villages.regency_name,
        villages.population,
        villages.lat,
        villages.lon,
        latest_survey.signal_tier,
        latest_survey.source,
        latest_survey.surveyed_on,
        latest_survey.best_technology,
        latest_survey.signal_quality
    from villages
    left join latest_survey using (village_code)
    order by villages.village_code
)

select * from final
