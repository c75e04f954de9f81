-- One row per village of the region: its signal tier from its latest survey by any source (none, weak,
-- no_4g = a good signal but only 2G/3G, good = 4G or better with a good signal), that survey's source and
-- date, and the village's place, population and position. A village never surveyed has no tier.
-- Parameters: $region_code (province, regency or district code).
with villages as (
    select region_code as village_code, name as village_name, population, lat, lon
    from regions
    where level = 'village' and starts_with(region_code, $region_code)
),

surveys as (
    select *
    from signal_survey_tiers
    where starts_with(village_code, $region_code)
),

latest_survey as (
    select
        village_code,
        max(surveyed_on) as surveyed_on,
        -- Two sources on the same day: the one last in alphabetical order wins, so the choice is stable.
        arg_max(source, (surveyed_on, source)) as source,
        arg_max(best_technology, (surveyed_on, source)) as best_technology,
        arg_max(signal_quality, (surveyed_on, source)) as signal_quality,
        arg_max(signal_tier, (surveyed_on, source)) as signal_tier
    from surveys
    group by village_code
),

final as (
    select
        villages.village_code,
        villages.village_name,
        districts.name as district_name,
        regencies.name as regency_name,
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
    left join regions as districts on districts.region_code = left(villages.village_code, 8)
    left join regions as regencies on regencies.region_code = left(villages.village_code, 5)
    order by villages.village_code
)

select * from final
