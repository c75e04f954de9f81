-- A citizen's report on one figure, as typed (control characters already removed), waiting for the team.
-- Parameters: report_id, kpi_id, report_text, contact, language, client_key, created_at.
insert into citizen_reports (report_id, kpi_id, report_text, contact, language, client_key, created_at)
values ($report_id, $kpi_id, $report_text, $contact, $language, $client_key, $created_at)
