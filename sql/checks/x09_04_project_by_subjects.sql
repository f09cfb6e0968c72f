-- Rule: x09_04.project_by_subjects
-- Grain: one row per (function, government economic, department economic) subject triple
-- where table 09's 项目支出 differs from table 04's 政府性基金预算 project money on the same subjects.
-- Identity: 09 is the 政府性基金预算 appropriation spending (as 07 is the general budget's), so
-- its 本年预算数/项目支出 of a subject triple equals 04's 本年拨款/政府性基金预算 + 财政拨款结转结余/政府性基金预算
-- summed over the projects booked on the same three subject codes (template [identities]
-- fund_04_columns). Both directions (a triple only one table prints is a row); unreadable
-- codes are compared as NULL with NULL. Blank counts as zero.
-- difference = 09 - 04.
-- The comparison lives in published.check_project_by_subjects
-- (sql/views/00_check_project_by_subjects.sql), shared with x03_04 and x10_04; this file
-- names the table and how its cells are printed.
SELECT 'x09_04.project_by_subjects' AS rule,
       'warning' AS severity,
       c.unit_code, c.fiscal_year, c.message, c.figures, c.difference
FROM published.check_project_by_subjects(
         CAST(:document_version_id AS bigint), '09',
         left_cell => '本年预算数/项目支出',
         right_label => '政府性基金预算 (本年拨款 + 结转结余)',
         right_cell => '本年拨款/政府性基金预算 + 财政拨款结转结余/政府性基金预算') AS c
