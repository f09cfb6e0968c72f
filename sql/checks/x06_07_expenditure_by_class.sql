-- Rule: x06_07.expenditure_by_class
-- Grain: one row per function 类 (3-digit code) where table 06's expenditure line differs
-- from tables 07 + 09 + 10 summed over the function subjects of that 类.
-- Identity: 06's expenditure per 类 (the line core.dim_summary_line maps to the 类 code)
-- equals the appropriation spending of that 类: 07 合计 (人员经费 + 公用经费 + 项目支出总数,
-- general budget) + 09 合计 (基本 + 项目, government funds) + 10 合计 (基本 + 项目, state
-- capital), each summed by the first three digits of the function code. Both directions: a
-- 类 07/09/10 spend on but 06 does not print is a row (06 = 0); rows without a readable
-- function code form one row with 类 NULL. Blank counts as zero. difference = 06 - (07+09+10).
WITH doc AS (
    SELECT d.unit_code, d.fiscal_year
    FROM audit.document_version v
    JOIN audit.document d USING (document_id)
    WHERE v.document_version_id = :document_version_id
),
by06 AS (  -- published.summary_expenditure_by_class (sql/views/00_check_expenditure_by_class.sql)
    SELECT class_code, label, amount
    FROM published.summary_expenditure_by_class(CAST(:document_version_id AS bigint), '06')
),
spent AS (
    SELECT '07' AS table_id, left(function_subject_code, 3) AS class_code,
           coalesce(basic_personnel, 0) + coalesce(basic_public, 0) + coalesce(project_total, 0)
               AS amount
    FROM core.fct_general_budget_expenditure
    WHERE document_version_id = :document_version_id
    UNION ALL
    SELECT '09', left(function_subject_code, 3),
           coalesce(basic_expenditure, 0) + coalesce(project_expenditure, 0)
    FROM core.fct_government_fund_expenditure
    WHERE document_version_id = :document_version_id
    UNION ALL
    SELECT '10', left(function_subject_code, 3),
           coalesce(basic_expenditure, 0) + coalesce(project_expenditure, 0)
    FROM core.fct_state_capital_expenditure
    WHERE document_version_id = :document_version_id
),
by_class AS (
    SELECT class_code,
           sum(amount) AS amount,
           coalesce(sum(amount) FILTER (WHERE table_id = '07'), 0) AS amount07,
           coalesce(sum(amount) FILTER (WHERE table_id = '09'), 0) AS amount09,
           coalesce(sum(amount) FILTER (WHERE table_id = '10'), 0) AS amount10
    FROM spent
    GROUP BY 1
),
compared AS (
    SELECT coalesce(a.class_code, b.class_code) AS class_code,
           a.label,
           coalesce(a.amount, 0) AS amount06,
           coalesce(b.amount, 0) AS amount_right,
           coalesce(b.amount07, 0) AS amount07,
           coalesce(b.amount09, 0) AS amount09,
           coalesce(b.amount10, 0) AS amount10
    FROM by06 a
    FULL JOIN by_class b ON b.class_code = a.class_code
)
SELECT 'x06_07.expenditure_by_class' AS rule,
       'warning' AS severity,
       doc.unit_code,
       doc.fiscal_year,
       format('06 %s %s ≠ 07 + 09 + 10 合计 of function 类 %s %s (= %s + %s + %s; 06 - them = %s)',
              coalesce(c.label, '(no line for 类 ' || coalesce(c.class_code, '?') || ')'),
              published.printed_amount(c.amount06),
              coalesce(c.class_code, '(unreadable code)'),
              published.printed_amount(c.amount_right),
              published.printed_amount(c.amount07),
              published.printed_amount(c.amount09),
              published.printed_amount(c.amount10),
              published.printed_amount(c.amount06 - c.amount_right)) AS message,
       jsonb_build_object(
           'function_class', c.class_code,
           'left', jsonb_build_object('table', '06', 'cell', c.label,
                                      'amount', c.amount06::numeric(24,6)::text),
           'right', jsonb_build_object('table', '07+09+10', 'cell', '合计',
                                       'amount', c.amount_right::numeric(24,6)::text,
                                       '07', c.amount07::numeric(24,6)::text,
                                       '09', c.amount09::numeric(24,6)::text,
                                       '10', c.amount10::numeric(24,6)::text)) AS figures,
       c.amount06 - c.amount_right AS difference
FROM doc CROSS JOIN compared c
WHERE c.amount06 <> c.amount_right
