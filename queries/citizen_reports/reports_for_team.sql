-- Every report, for the signed-in team on the Data page: open ones first, newest first.
-- Parameters: none.
-- Grain: report_id
with reports as (
    select
        report_id, kpi_id, report_text, contact, language, created_at, answer_id, answer_en, answered_by,
        answered_at, closed_by, closed_at
    from citizen_reports
),

final as (
    select *
    from reports
    order by closed_at is not null, answered_at is not null, created_at desc, report_id
)

select * from final
