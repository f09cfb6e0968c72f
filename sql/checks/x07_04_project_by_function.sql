-- Rule: x07_04.project_by_function
-- Grain: one row per function subject (the full code, 7 digits for a 项) where table 07's
-- 项目支出总数 differs from table 04's general-budget project money on that subject.
-- Identity: 07 is general-budget appropriation spending, so per function subject its
-- 项目支出/项目支出总数 equals 04's 本年拨款/一般公共预算 + 财政拨款结转结余/一般公共预算 summed
-- over the projects on that subject (template [identities] general_04_columns). Both
-- directions (a subject only one table prints is a row). Blank counts as zero.
-- difference = 07 - 04.
WITH doc AS (
    SELECT d.unit_code, d.fiscal_year
    FROM audit.document_version v
    JOIN audit.document d USING (document_id)
    WHERE v.document_version_id = :document_version_id
),
by07 AS (
    SELECT function_subject_code AS fn,
           min(concat_ws(' -', function_code, function_name)) AS printed,
           count(*) AS rows, coalesce(sum(project_total), 0) AS amount
    FROM core.fct_general_budget_expenditure
    WHERE document_version_id = :document_version_id
    GROUP BY 1
),
by04 AS (
    SELECT function_subject_code AS fn, min(function_subject) AS printed,
           count(*) AS rows,
           coalesce(sum(coalesce(current_general_budget, 0) + coalesce(carryover_general_budget, 0)), 0)
               AS amount
    FROM core.fct_project_expenditure
    WHERE document_version_id = :document_version_id
    GROUP BY 1
),
compared AS (
    SELECT coalesce(a.fn, b.fn) AS fn, coalesce(a.printed, b.printed) AS printed,
           coalesce(a.amount, 0) AS amount07, coalesce(a.rows, 0) AS rows07,
           coalesce(b.amount, 0) AS amount04, coalesce(b.rows, 0) AS rows04
    FROM by07 a
    FULL JOIN by04 b ON coalesce(b.fn, '') = coalesce(a.fn, '')
)
SELECT 'x07_04.project_by_function' AS rule,
       'warning' AS severity,
       doc.unit_code,
       doc.fiscal_year,
       format('07 项目支出总数 of %s %s ≠ 04 一般公共预算 (本年拨款 + 结转结余) of %s project rows %s (07 - 04 = %s)',
              coalesce(c.printed, '(unreadable code)'),
              published.printed_amount(c.amount07), c.rows04,
              published.printed_amount(c.amount04),
              published.printed_amount(c.amount07 - c.amount04)) AS message,
       jsonb_build_object(
           'function_subject', c.fn,
           'left', jsonb_build_object('table', '07', 'cell', '项目支出/项目支出总数', 'rows', c.rows07,
                                      'amount', c.amount07::numeric(24,6)::text),
           'right', jsonb_build_object('table', '04',
                                       'cell', '本年拨款/一般公共预算 + 财政拨款结转结余/一般公共预算',
                                       'rows', c.rows04,
                                       'amount', c.amount04::numeric(24,6)::text)) AS figures,
       c.amount07 - c.amount04 AS difference
FROM doc CROSS JOIN compared c
WHERE c.amount07 <> c.amount04
