-- One row per school, puskesmas, hospital or desa adat Wi-Fi site in service on $as_of that is left out:
-- its point is down, or its village's latest signal survey (any source) found no or weak signal. With the
-- village's tier, that survey's source and date, and the village population, for ranking where to go first.
-- Parameters: $region_code (province, regency or district code), $as_of (a date).
-- Grain: point_id
with points as (
    select *
    from points_in_service($as_of)
    where starts_with(village_code, $region_code)
        and category in ('school', 'puskesmas', 'hospital', 'desa_adat')
),

village_tiers as (
    select * from village_latest_survey($as_of)
),

places as (
    select * from village_places
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
        places.village_name,
        places.district_name,
        places.regency_name,
        places.population as village_population,
        left_out.signal_tier,
        left_out.survey_source,
        left_out.surveyed_on,
        left_out.is_down,
        left_out.has_poor_signal,
        left_out.lat,
        left_out.lon
    from left_out
    left join places using (village_code)
    order by left_out.point_id
)

select * from final
