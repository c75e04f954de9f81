-- The store of citizens' reports on public figures: a file of its own (SMARTISLAND_REPORTS_DB), never the
-- warehouse, so a load or a rebuild of the warehouse keeps every report. One row is one report; the team's answer,
-- in both languages, is published beside the figure; the contact and the client are never shown to the public.
-- Parameters: none.
create table if not exists citizen_reports (
    report_id varchar primary key,
    kpi_id varchar not null,
    report_text varchar not null,
    contact varchar,
    language varchar not null,
    client_key varchar not null,
    created_at timestamp not null,
    answer_id varchar,
    answer_en varchar,
    answered_by varchar,
    answered_at timestamp,
    closed_by varchar,
    closed_at timestamp
)
