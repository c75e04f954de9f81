-- A summary table, refreshed in the same transaction as every change of the warehouse
-- (smartisland/warehouse.py: refresh_summaries), so that the services page reads one row per month and stage
-- instead of every service's stages at every month end.
-- One row per month and maturity stage (1 to 4): how many services stood at that stage at the end of the
-- month, a service standing at the highest stage it had reached by then. Months run from the first stage
-- reached to the latest month with a stage reached or a monthly figure; a stage no service stood at counts 0.
-- Period: month
-- Grain: month, maturity_stage
with stages_reached as (
    select * from service_stages
),

monthly_figures as (
    select * from service_monthly
),

bounds as (
    select
        date_trunc('month', min(reached_on))::date as first_month,
        greatest(
            date_trunc('month', max(reached_on))::date,
            coalesce((select max(month) from monthly_figures), date '1900-01-01')
        ) as last_month
    from stages_reached
),

months as (
    select unnest(generate_series(first_month, last_month, interval 1 month))::date as month
    from bounds
),

stage_levels as (
    select maturity_stage from maturity_stages
),

stage_at_month_end as (
    select
        months.month,
        stages_reached.service_id,
        max(stages_reached.maturity_stage) as maturity_stage
    from months
    inner join stages_reached
        on stages_reached.reached_on < months.month + interval 1 month
    group by months.month, stages_reached.service_id
),

counts as (
    select
        month,
        maturity_stage,
        count(*) as service_count
    from stage_at_month_end
    group by month, maturity_stage
),

final as (
    select
        months.month,
        stage_levels.maturity_stage,
        coalesce(counts.service_count, 0) as service_count
    from months
    cross join stage_levels
    left join counts
        on counts.month = months.month
        and counts.maturity_stage = stage_levels.maturity_stage
    order by months.month, stage_levels.maturity_stage
)

select * from final
