-- One row per KPI definition (the KPI catalog), in catalog order of area then name.
-- Parameters: none.
-- Grain: kpi_id
with definitions as (
    select * from kpis
),

final as (
    select *
    from definitions
    order by
        case area when 'connectivity' then 1 when 'spbe' then 2 when 'services' then 3 else 4 end,
        kpi_id
)

select * from final
