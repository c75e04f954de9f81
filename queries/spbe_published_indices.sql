-- One row per published SPBE index: an entity's (the province, a regency, or the national average) official
-- or unofficial index in a year, with its source, the number of agencies evaluated (national rows) and the
-- entity's name (null for the national average).
-- Parameters: none.
-- Grain: year, entity_code
with published as (
    select * from spbe_published
),

regions as (
    select * from regions
),

final as (
    select
        published.year,
        published.entity_code,
        regions.name as entity_name,
        published.entity_code = 'national' as is_national,
        published.index_value,
        published.certainty,
        published.agencies_evaluated,
        published.source
    from published
    left join regions on regions.region_code = published.entity_code
    order by published.year, published.entity_code
)

select * from final
