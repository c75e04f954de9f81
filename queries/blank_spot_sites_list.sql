-- One row per blank-spot site of the region: its place, stage, solution, owner, stage and target dates,
-- position, and whether it is late (its target date is before $as_of and it is not yet verified).
-- Late sites first, then open ones, each by target date.
-- Parameters: $region_code (province, regency or district code), $as_of (a date).
-- Grain: site_id
with sites as (
    select *
    from blank_spot_sites
    where starts_with(village_code, $region_code)
),

places as (
    select * from village_places
),

final as (
    select
        sites.site_id,
        sites.village_code,
        places.village_name,
        places.district_name,
        places.regency_name,
        sites.stage,
        sites.solution,
        sites.owner,
        sites.stage_date,
        sites.target_date,
        coalesce(sites.target_date < $as_of::date and sites.stage <> 'verified', false) as is_late,
        sites.lat,
        sites.lon
    from sites
    left join places using (village_code)
    order by is_late desc, sites.stage = 'verified', sites.target_date nulls last, sites.site_id
)

select * from final
