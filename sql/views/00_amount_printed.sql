-- Helper, not a view. Grain: one value. An amount as the documents print it: thousands
-- separators and six decimals (8,353.625570); the SQL twin of loader/load/printing.py, used by
-- every check message so the printing rule is written once.
CREATE FUNCTION published.printed_amount(amount numeric) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN to_char(amount, 'FM999,999,999,999,999,990.000000');

COMMENT ON FUNCTION published.printed_amount(numeric) IS
    '金额的印刷形式（千分位，六位小数） / an amount as printed: thousands separators, six decimals';
