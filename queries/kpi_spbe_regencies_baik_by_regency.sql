-- One row per regency with an official published SPBE index in the latest such year: its index, as
-- region_code, name, period_end (31 December of that year) and value.
-- Parameters: none.
-- Grain: region_code
with published as (
    select spbe_published.year, spbe_published.entity_code, spbe_published.index_value
    from spbe_published
    inner join regions on regions.region_code = spbe_published.entity_code
    where regions.level = 'regency' and spbe_published.certainty = 'official'
),

final as (
    select
        regions.region_code,
        regions.name,
        make_date(published.year, 12, 31) as period_end,
        published.index_value as value
    from published
    inner join regions on regions.region_code = published.entity_code
    where published.year = (select max(year) from published)
    order by regions.region_code
)

select * from final
