-- One row per school, puskesmas, hospital or desa adat Wi-Fi site in service on $as_of that is left out:
-- its point is down, or its village's latest signal survey (any source) found no or weak signal. With the
-- village's tier, that survey's source and date, and the village population, for ranking where to go first.
-- Parameters: $region_code (province, regency or district code), $as_of (a date).
with points as (
    select *
    from wifi_points
    where starts_with(village_code, $region_code)
        and category in ('school', 'puskesmas', 'hospital', 'desa_adat')
        and installed_on <= $as_of
        and (decommissioned_on is null or decommissioned_on > $as_of)
),

latest_survey as (
    select
        village_code,
        max(surveyed_on) as surveyed_on,
        arg_max(source, (surveyed_on, source)) as source,
        arg_max(best_technology, (surveyed_on, source)) as best_technology,
        arg_max(signal_quality, (surveyed_on, source)) as signal_quality,
        arg_max(signal_tier, (surveyed_on, source)) as signal_tier
    from signal_survey_tiers
    where surveyed_on <= $as_of
    group by village_code
),

village_tiers as (
    select * from latest_survey
),

left_out as (
    select
        points.*,
        village_tiers.signal_tier,
        village_tiers.source as survey_source,
        village_tiers.surveyed_on,
        points.status = 'down' as is_down,
        coalesce(village_tiers.signal_tier in ('none', 'weak'), false) as has_poor_signal
    from points
    left join village_tiers using (village_code)
    where points.status = 'down' or village_tiers.signal_tier in ('none', 'weak')
),

final as (
    select
        left_out.point_id,
        left_out.site_name,
        left_out.category,
        left_out.status,
        left_out.village_code,
        villages.name as village_name,
        districts.name as district_name,
        regencies.name as regency_name,
        villages.population as village_population,
        left_out.signal_tier,
        left_out.survey_source,
        left_out.surveyed_on,
        left_out.is_down,
        left_out.has_poor_signal,
        left_out.lat,
        left_out.lon
    from left_out
    left join regions as villages on villages.region_code = left_out.village_code
    left join regions as districts on districts.region_code = left(left_out.village_code, 8)
    left join regions as regencies on regencies.region_code = left(left_out.village_code, 5)
    order by left_out.point_id
)

select * from final
