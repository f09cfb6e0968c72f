-- Rule: x03_04.project_by_subjects
-- Grain: one row per (function, government economic, department economic) subject triple
-- where table 03's 项目支出 differs from table 04's projects on the same three subjects.
-- Identity: 03's 项目支出 of a subject triple equals 04's 合计 (every funding column of
-- 本年拨款, 财政拨款结转结余, 财政专户管理资金, 单位资金) summed over the projects booked on the
-- same three subject codes. Both directions (a triple only one table prints is a row);
-- unreadable codes are compared as NULL with NULL. Blank counts as zero.
-- difference = 03 - 04.
-- The comparison lives in published.check_project_by_subjects
-- (sql/views/00_check_project_by_subjects.sql), shared with x09_04 and x10_04; this file
-- names the table and how its cells are printed.
SELECT 'x03_04.project_by_subjects' AS rule,
       'warning' AS severity,
       c.unit_code, c.fiscal_year, c.message, c.figures, c.difference
FROM published.check_project_by_subjects(
         CAST(:document_version_id AS bigint), '03',
         left_cell => '项目支出',
         right_label => '合计',
         right_cell => '合计') AS c
