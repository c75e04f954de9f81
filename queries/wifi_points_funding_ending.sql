-- One page of the Wi-Fi points in service on $as_of whose funding has ended or ends within $months months after
-- $as_of (funded_until on or before that day), the earliest end first: $limit rows from row $offset (0 for the
-- first). Points without an end date are not listed. days_left is negative once the funding has ended. How many
-- there are in all: wifi_points_funding_counts.sql. A list of every such point (a download) passes a $limit
-- as large as that count.
-- Parameters: $region_code (province, regency or district code), $as_of (a date), $months (an integer),
-- $limit (rows in the page), $offset (rows before it).
-- Grain: point_id
with points as (
    select *
    from points_in_service($as_of)
    where starts_with(village_code, $region_code)
        and funded_until is not null
        and funded_until <= ($as_of::date + to_months($months::integer))::date
),

page as (
    select *
    from points
    order by funded_until, point_id
    limit $limit::bigint offset $offset::bigint
),

places as (
    select * from village_places
),

final as (
    select
        page.point_id,
        page.site_name,
        page.category,
        page.status,
        places.village_name,
        places.district_name,
        places.regency_name,
        page.funding_source,
        page.funded_until,
        page.funded_until - $as_of::date as days_left,
        page.funded_until < $as_of::date as is_funding_ended
    from page
    left join places using (village_code)
    order by page.funded_until, page.point_id
)

select * from final
