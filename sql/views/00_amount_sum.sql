-- Helper, not a view. Grain: one value. The sum of the non-blank amounts given, blank (NULL)
-- when all are blank: how a 小计/合计 column is printed (a row with no parts prints nothing).
CREATE FUNCTION published.amount_sum(VARIADIC amounts numeric[]) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    RETURN (SELECT sum(a) FROM unnest(amounts) AS a);

COMMENT ON FUNCTION published.amount_sum(numeric[]) IS
    '非空金额之和，全空为空 / sum of the non-blank amounts, NULL when all are blank';

-- The same sum with 2 to 9 explicit arguments (9: the most any call in sql/ passes; a call
-- with more, or with an array, uses the VARIADIC form above). Why they exist: the body above
-- has a sub-SELECT, so PostgreSQL cannot inline it and runs it as a function call on every
-- row of every view; these bodies are one expression, which the planner inlines into the
-- view (EXPLAIN VERBOSE shows no amount_sum). For explicit arguments PostgreSQL prefers a
-- non-variadic function of the same schema, so the views' calls resolve to these.
-- `coalesce(…) IS NOT NULL` rather than `num_nonnulls(…) > 0`: the planner does not inline a
-- function whose argument, used twice in the body, costs more than 10 operators, and the
-- nested sums of t11 (amount_sum(a, b, amount_sum(c, amount_sum(d, e, f, g)))) pass that
-- with the two extra operators of num_nonnulls. Blank adds 0, which keeps the scale of the
-- non-blank amounts, as sum() does. tests/perf/test_amount_sum.py checks all of this.

CREATE FUNCTION published.amount_sum(numeric, numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN coalesce($1, $2) IS NOT NULL
                THEN coalesce($1, 0) + coalesce($2, 0) END;

COMMENT ON FUNCTION published.amount_sum(numeric, numeric) IS
    '非空金额之和，全空为空（2个参数，可内联） / sum of the non-blank amounts (2 arguments, inlinable), NULL when all are blank';

CREATE FUNCTION published.amount_sum(numeric, numeric, numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN coalesce($1, $2, $3) IS NOT NULL
                THEN coalesce($1, 0) + coalesce($2, 0) + coalesce($3, 0) END;

COMMENT ON FUNCTION published.amount_sum(numeric, numeric, numeric) IS
    '非空金额之和，全空为空（3个参数，可内联） / sum of the non-blank amounts (3 arguments, inlinable), NULL when all are blank';

CREATE FUNCTION published.amount_sum(numeric, numeric, numeric, numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN coalesce($1, $2, $3, $4) IS NOT NULL
                THEN coalesce($1, 0) + coalesce($2, 0) + coalesce($3, 0) + coalesce($4, 0) END;

COMMENT ON FUNCTION published.amount_sum(numeric, numeric, numeric, numeric) IS
    '非空金额之和，全空为空（4个参数，可内联） / sum of the non-blank amounts (4 arguments, inlinable), NULL when all are blank';

CREATE FUNCTION published.amount_sum(numeric, numeric, numeric, numeric, numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN coalesce($1, $2, $3, $4, $5) IS NOT NULL
                THEN coalesce($1, 0) + coalesce($2, 0) + coalesce($3, 0)
                   + coalesce($4, 0) + coalesce($5, 0) END;

COMMENT ON FUNCTION published.amount_sum(numeric, numeric, numeric, numeric, numeric) IS
    '非空金额之和，全空为空（5个参数，可内联） / sum of the non-blank amounts (5 arguments, inlinable), NULL when all are blank';

CREATE FUNCTION published.amount_sum(numeric, numeric, numeric, numeric, numeric, numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN coalesce($1, $2, $3, $4, $5, $6) IS NOT NULL
                THEN coalesce($1, 0) + coalesce($2, 0) + coalesce($3, 0)
                   + coalesce($4, 0) + coalesce($5, 0) + coalesce($6, 0) END;

COMMENT ON FUNCTION published.amount_sum(numeric, numeric, numeric, numeric, numeric, numeric) IS
    '非空金额之和，全空为空（6个参数，可内联） / sum of the non-blank amounts (6 arguments, inlinable), NULL when all are blank';

CREATE FUNCTION published.amount_sum(numeric, numeric, numeric, numeric, numeric, numeric, numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN coalesce($1, $2, $3, $4, $5, $6, $7) IS NOT NULL
                THEN coalesce($1, 0) + coalesce($2, 0) + coalesce($3, 0) + coalesce($4, 0)
                   + coalesce($5, 0) + coalesce($6, 0) + coalesce($7, 0) END;

COMMENT ON FUNCTION published.amount_sum(numeric, numeric, numeric, numeric, numeric, numeric, numeric) IS
    '非空金额之和，全空为空（7个参数，可内联） / sum of the non-blank amounts (7 arguments, inlinable), NULL when all are blank';

CREATE FUNCTION published.amount_sum(numeric, numeric, numeric, numeric, numeric, numeric, numeric, numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN coalesce($1, $2, $3, $4, $5, $6, $7, $8) IS NOT NULL
                THEN coalesce($1, 0) + coalesce($2, 0) + coalesce($3, 0) + coalesce($4, 0)
                   + coalesce($5, 0) + coalesce($6, 0) + coalesce($7, 0) + coalesce($8, 0) END;

COMMENT ON FUNCTION published.amount_sum(numeric, numeric, numeric, numeric, numeric, numeric, numeric, numeric) IS
    '非空金额之和，全空为空（8个参数，可内联） / sum of the non-blank amounts (8 arguments, inlinable), NULL when all are blank';

CREATE FUNCTION published.amount_sum(numeric, numeric, numeric, numeric, numeric, numeric, numeric, numeric, numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN coalesce($1, $2, $3, $4, $5, $6, $7, $8, $9) IS NOT NULL
                THEN coalesce($1, 0) + coalesce($2, 0) + coalesce($3, 0) + coalesce($4, 0) + coalesce($5, 0)
                   + coalesce($6, 0) + coalesce($7, 0) + coalesce($8, 0) + coalesce($9, 0) END;

COMMENT ON FUNCTION published.amount_sum(numeric, numeric, numeric, numeric, numeric, numeric, numeric, numeric, numeric) IS
    '非空金额之和，全空为空（9个参数，可内联） / sum of the non-blank amounts (9 arguments, inlinable), NULL when all are blank';
