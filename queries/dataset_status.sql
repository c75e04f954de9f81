-- One row per dataset of the contract: its rows in the warehouse now, and its latest load
-- (origin: reference, sample or file; file name; when; by whom) and how many loads it has had.
-- Parameters: none.
-- Grain: dataset
with row_counts as (
    select 1 as position, 'regions' as dataset, count(*) as row_count from regions
    union all select 2, 'boundaries', count(*) from boundaries
    union all select 3, 'spbe_indicators', count(*) from spbe_indicators
    union all select 4, 'services', count(*) from services
    union all select 5, 'kpis', count(*) from kpis
    union all select 6, 'wifi_points', count(*) from wifi_points
    union all select 7, 'wifi_usage_monthly', count(*) from wifi_usage_monthly
    union all select 8, 'wifi_sessions', count(*) from wifi_sessions
    union all select 9, 'signal_surveys', count(*) from signal_surveys
    union all select 10, 'blank_spot_sites', count(*) from blank_spot_sites
    union all select 11, 'base_stations_yearly', count(*) from base_stations_yearly
    union all select 12, 'service_stages', count(*) from service_stages
    union all select 13, 'service_monthly', count(*) from service_monthly
    union all select 14, 'spbe_assessments', count(*) from spbe_assessments
    union all select 15, 'spbe_published', count(*) from spbe_published
    union all select 16, 'kpi_values', count(*) from kpi_values
    union all select 17, 'province_indices', count(*) from province_indices
),

latest_load as (
    select
        dataset,
        arg_max(origin, loaded_at) as origin,
        arg_max(file_name, loaded_at) as file_name,
        arg_max(loaded_by, loaded_at) as loaded_by,
        max(loaded_at) as last_loaded_at,
        count(*) as load_count
    from load_log
    group by dataset
),

final as (
    select
        row_counts.dataset,
        row_counts.row_count,
        latest_load.origin,
        latest_load.file_name,
        latest_load.loaded_by,
        latest_load.last_loaded_at,
        coalesce(latest_load.load_count, 0) as load_count
    from row_counts
    left join latest_load using (dataset)
    order by row_counts.position
)

select * from final
