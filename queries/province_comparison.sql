-- One row per year in which any province or the national average has a value of the measure: the province's
-- value and source, Indonesia's average and its source, and its peers (every other province with a value that
-- year): how many, the province's rank among all provinces with a value (1 = highest; null without a value of
-- its own), the lowest and highest peer value, and the peers' sources.
-- Parameters: $measure (spbe_index or imdi), $province_code (the province served, two digits).
-- Grain: year
with indices as (
    select * from province_indices
    where measure = $measure
),

years as (
    select distinct year from indices
),

own as (
    select year, value, source, is_unsure
    from indices
    where province_code = $province_code
),

national as (
    select year, value, source, is_unsure
    from indices
    where province_code = 'national'
),

peers as (
    select year, value, source
    from indices
    where province_code not in ($province_code, 'national')
),

peer_summary as (
    select
        peers.year,
        count(*) as peer_count,
        min(peers.value) as peer_min,
        max(peers.value) as peer_max,
        count(*) filter (where peers.value > own.value) as peers_above,
        string_agg(distinct peers.source, ' · ' order by peers.source) as peer_sources
    from peers
    left join own on own.year = peers.year
    group by peers.year
),

final as (
    select
        years.year,
        own.value as province_value,
        own.source as province_source,
        own.is_unsure as is_province_unsure,
        national.value as national_value,
        national.source as national_source,
        national.is_unsure as is_national_unsure,
        coalesce(peer_summary.peer_count, 0) as peer_count,
        case when own.value is not null then coalesce(peer_summary.peers_above, 0) + 1 end as province_rank,
        peer_summary.peer_min,
        peer_summary.peer_max,
        peer_summary.peer_sources
    from years
    left join own on own.year = years.year
    left join national on national.year = years.year
    left join peer_summary on peer_summary.year = years.year
    order by years.year
)

select * from final
