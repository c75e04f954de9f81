-- A view, created in the warehouse with its tables, read by queries like a table.
-- One row per month end (month_end) from the month of the first Wi-Fi installation to the latest month with
-- Wi-Fi data (an installation, a decommissioning or monthly use): the calendar Wi-Fi series are counted on.
-- Grain: month_end
with points as (
    select installed_on, decommissioned_on from wifi_points
),

bounds as (
    select
        date_trunc('month', min(installed_on)) as first_month,
        date_trunc('month', greatest(
            max(installed_on),
            coalesce(max(decommissioned_on), max(installed_on)),
            coalesce((select max(month) from wifi_usage_monthly), max(installed_on))
        )) as last_month
    from points
),

final as (
    select last_day(unnest(generate_series(first_month, last_month, interval 1 month))::date) as month_end
    from bounds
)

select * from final
