-- One row per month end: how many services had reached the transaction stage (3) or beyond by then,
-- from the first stage reached to the latest month of service data.
-- Parameters: none.
-- Grain: period_end
with reached as (
    select service_id, min(reached_on) as reached_on
    from service_stages
    where maturity_stage >= 3
    group by service_id
),

bounds as (
    select
        date_trunc('month', (select min(reached_on) from service_stages)) as first_month,
        date_trunc('month', greatest(
            (select max(reached_on) from service_stages),
            coalesce((select max(month) from service_monthly), (select max(reached_on) from service_stages))
        )) as last_month
),

month_ends as (
    select last_day(unnest(generate_series(first_month, last_month, interval 1 month))::date) as period_end
    from bounds
),

final as (
    select
        month_ends.period_end,
        count(reached.service_id)::double as value
    from month_ends
    left join reached on reached.reached_on <= month_ends.period_end
    group by month_ends.period_end
    order by month_ends.period_end
)

select * from final
