-- One page of the items the Connectivity map shows in the region, for its table alternative and the list to pick an
-- item from: Wi-Fi points (when $with_points), blank-spot sites (when $with_sites) and villages ($village_shading:
-- 'tier' each village with its latest signal tier by any source, 'stage' with the least advanced stage of its
-- blank-spot sites, 'none' no villages), in that order: points by id, sites late first then open ones by target
-- date (as blank_spot_sites_list.sql), villages by code. Only items whose name, village name or district name
-- contains $search, in any case ('' for every item): those whose own name does first, then by village, then by
-- district, each in the order above. $limit rows from row $offset (0 for the first), each with total_rows, how many
-- items there are in all. `item` is what the map reports when one is picked: point:<id>, site:<id>, village:<code>.
-- Parameters: $region_code (province, regency or district code), $as_of (a date: a site is late when its target
-- date is before it and it is not verified), $with_points, $with_sites (booleans), $village_shading, $search,
-- $limit (rows in the page), $offset (rows before it).
-- Grain: item
with stages as (
    select * from (values (1, 'identified'), (2, 'proposed'), (3, 'planned'), (4, 'built'), (5, 'verified'))
        as stages(stage_order, stage)
),

points as (
    select
        1 as kind_order,
        0 as position,
        'point:' || point_id as item,
        'wifi_point' as kind,
        site_name as name,
        village_code,
        category,
        status
    from wifi_points
    where $with_points::boolean and starts_with(village_code, $region_code)
),

region_sites as (
    select
        *,
        coalesce(target_date < $as_of::date and stage <> 'verified', false) as is_late
    from blank_spot_sites
    where starts_with(village_code, $region_code)
),

sites as (
    select
        2 as kind_order,
        row_number() over (order by is_late desc, stage = 'verified', target_date nulls last, site_id) as position,
        'site:' || site_id as item,
        'blank_spot' as kind,
        site_id as name,
        village_code,
        stage,
        is_late
    from region_sites
    where $with_sites::boolean
),

village_stages as (
    select
        region_sites.village_code,
        arg_min(region_sites.stage, stages.stage_order) as stage
    from region_sites
    inner join stages using (stage)
    group by region_sites.village_code
),

villages as (
    select
        3 as kind_order,
        0 as position,
        'village:' || village_places.village_code as item,
        'village' as kind,
        village_places.village_name as name,
        village_places.village_code,
        case when $village_shading = 'stage' then village_stages.stage end as stage,
        case when $village_shading = 'tier' then latest_survey.signal_tier end as signal_tier
    from village_places
    left join village_latest_survey(null) as latest_survey using (village_code)
    left join village_stages using (village_code)
    where $village_shading in ('tier', 'stage') and starts_with(village_places.village_code, $region_code)
),

items as (
    select * from points
    union all by name
    select * from sites
    union all by name
    select * from villages
),

places as (
    select * from village_places
),

matching as (
    select
        items.*,
        places.village_name,
        places.district_name,
        case
            when $search = '' or contains(lower(items.name), lower($search)) then 1
            when contains(lower(places.village_name), lower($search)) then 2
            else 3
        end as match_order
    from items
    left join places using (village_code)
    where $search = ''
        or contains(lower(items.name), lower($search))
        or contains(lower(places.village_name), lower($search))
        or contains(lower(places.district_name), lower($search))
),

final as (
    select
        item,
        kind,
        name,
        village_name,
        district_name,
        category,
        status,
        stage,
        coalesce(is_late, false) as is_late,
        signal_tier,
        count(*) over () as total_rows
    from matching
    order by match_order, kind_order, position, item
    limit $limit::bigint offset $offset::bigint
)

select * from final
