-- One row per area the performance figures can be read for: the whole province first, then each regency in
-- code order, with its name and how many services have any monthly figure there.
-- Read from the summary table service_measures_by_period (a row per year, area and service with any monthly
-- row), not from every service month.
-- Parameters: none.
-- Grain: region_code
with areas as (
    select * from regions
    where level in ('province', 'regency')
),

yearly_figures as (
    select regency_code, service_id
    from service_measures_by_period
    where period_unit = 'year' and service_id is not null
),

services_per_area as (
    select
        regency_code,
        count(distinct service_id) as services_with_figures
    from yearly_figures
    group by regency_code
),

final as (
    select
        areas.region_code,
        areas.name,
        areas.level,
        coalesce(services_per_area.services_with_figures, 0) as services_with_figures
    from areas
    left join services_per_area
        on services_per_area.regency_code = areas.region_code
    order by areas.level = 'regency', areas.region_code
)

select * from final
