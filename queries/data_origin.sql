-- One row: which data the app runs on. fact_datasets_from_sample and fact_datasets_from_files count the
-- fact datasets whose latest load came from the committed sample or from loaded files; data_through is the
-- latest period any fact dataset reaches; last_loaded_at the latest load.
-- Parameters: none.
-- Grain: one row
with latest_fact_load as (
    select
        dataset,
        arg_max(origin, loaded_at) as origin
    from load_log
    where origin in ('sample', 'file')
    group by dataset
),

periods as (
    select max(month) as period_end from wifi_usage_monthly
    union all select max(month) from service_monthly
    union all select max(period_end) from kpi_values
    union all select max(surveyed_on) from signal_surveys
    union all select max(installed_on) from wifi_points
),

final as (
    select
        (select count(*) from latest_fact_load where origin = 'sample') as fact_datasets_from_sample,
        (select count(*) from latest_fact_load where origin = 'file') as fact_datasets_from_files,
        (select max(period_end) from periods) as data_through,
        (select max(loaded_at) from load_log) as last_loaded_at
)

select * from final
