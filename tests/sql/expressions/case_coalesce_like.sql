-- covers: CASE (searched and simple), COALESCE, NULLIF, LIKE/ILIKE with wildcards and ESCAPE, output column names
SELECT CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' ELSE 'c' END;
SELECT CASE WHEN false THEN 1 END;
SELECT CASE 3 WHEN 1 THEN 'one' WHEN 3 THEN 'three' ELSE 'other' END AS word;
SELECT CASE NULL::int WHEN NULL THEN 'null matched' ELSE 'no match' END;
SELECT CASE WHEN true THEN 1 ELSE 2.5::float8 END;
SELECT CASE WHEN true THEN 1 ELSE 'x' END;
SELECT COALESCE(NULL, NULL, 3), COALESCE(NULL::int, 2), COALESCE('a', 'b');
SELECT NULLIF(5, 5), NULLIF(5, 6), NULLIF(NULL::int, 1);
SELECT 'hello' LIKE 'h%', 'hello' LIKE 'H%', 'hello' ILIKE 'H%', 'hello' NOT LIKE '%z%';
SELECT 'a_c' LIKE 'a\_c', 'abc' LIKE 'a\_c', 'abc' LIKE 'a_c', 'ab' LIKE 'a_c';
SELECT '50%' LIKE '50!%' ESCAPE '!', '50x' LIKE '50!%' ESCAPE '!';
SELECT '' LIKE '', '' LIKE '%', 'x' LIKE '', NULL LIKE 'a';
SELECT 'Straße' LIKE 'Stra_e', 'Straße' LIKE 'Stra__e';
SELECT 1 AS one, 'text', count(*), 1 + 1, CAST(1 AS bigint), 2::text, NULLIF(1, 2), COALESCE(1, 2);
