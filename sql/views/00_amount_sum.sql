-- Helper, not a view. Grain: one value. The sum of the non-blank amounts given, blank (NULL)
-- when all are blank: how a 小计/合计 column is printed (a row with no parts prints nothing).
CREATE FUNCTION published.amount_sum(VARIADIC amounts numeric[]) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    RETURN (SELECT sum(a) FROM unnest(amounts) AS a);

COMMENT ON FUNCTION published.amount_sum(numeric[]) IS
    '非空金额之和，全空为空 / sum of the non-blank amounts, NULL when all are blank';
