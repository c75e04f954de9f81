-- One row per year with official published SPBE indices for regencies: how many of them are rated Baik or
-- better (index 2.6 or more), dated 31 December.
-- Parameters: none.
-- Grain: period_end
with published as (
    select spbe_published.year, spbe_published.index_value
    from spbe_published
    inner join regions on regions.region_code = spbe_published.entity_code
    where regions.level = 'regency' and spbe_published.certainty = 'official'
),

final as (
    select
        make_date(year, 12, 31) as period_end,
        (count(*) filter (where index_value >= 2.6))::double as value
    from published
    group by year
    order by year
)

select * from final
