-- GROUPING SETS, ROLLUP, CUBE and GROUPING().
CREATE TABLE sales (region text, city text, product text, amount int);
INSERT INTO sales VALUES ('east', 'boston', 'a', 10), ('east', 'boston', 'b', 20), ('east', 'nyc', 'a', 5), ('west', 'sf', 'a', 7), ('west', 'la', 'b', 3), ('west', 'la', NULL, 1);
SELECT region, sum(amount) FROM sales GROUP BY ROLLUP (region) ORDER BY region NULLS LAST;
SELECT region, city, sum(amount), count(*) FROM sales GROUP BY ROLLUP (region, city) ORDER BY 1, 2;
SELECT region, product, sum(amount) FROM sales GROUP BY CUBE (region, product) ORDER BY 1, 2, 3;
SELECT region, product, sum(amount) FROM sales GROUP BY GROUPING SETS ((region), (product), ()) ORDER BY 1, 2, 3;
SELECT region, city, product, sum(amount) FROM sales GROUP BY GROUPING SETS ((region, city), (product)) ORDER BY 1, 2, 3, 4;
SELECT region, city, sum(amount) FROM sales GROUP BY region, ROLLUP (city) ORDER BY 1, 2;
SELECT region, city, product, sum(amount) FROM sales GROUP BY ROLLUP (region, (city, product)) ORDER BY 1, 2, 3, 4;
SELECT region, grouping(region), sum(amount) FROM sales GROUP BY ROLLUP (region) ORDER BY 1;
SELECT region, product, grouping(region, product) AS g, sum(amount) FROM sales GROUP BY CUBE (region, product) ORDER BY g, 1, 2;
SELECT CASE WHEN grouping(region) = 1 THEN 'all' ELSE region END AS r, sum(amount) FROM sales GROUP BY ROLLUP (region) ORDER BY 1;
SELECT region, sum(amount) FROM sales GROUP BY ROLLUP (region) HAVING sum(amount) > 20 ORDER BY 1;
SELECT region, sum(amount) FROM sales GROUP BY ROLLUP (region) HAVING grouping(region) = 0 ORDER BY 1;
SELECT count(*) FROM sales WHERE false GROUP BY ROLLUP (region);
SELECT region, count(*) FROM sales WHERE false GROUP BY GROUPING SETS ((region), ());
SELECT count(*) FROM sales GROUP BY ();
SELECT sum(amount) FROM sales GROUP BY GROUPING SETS ((), ());
SELECT region, sum(amount), rank() OVER (ORDER BY sum(amount) DESC) FROM sales GROUP BY ROLLUP (region) ORDER BY 3, 1;
SELECT upper(region), sum(amount) FROM sales GROUP BY ROLLUP (upper(region)) ORDER BY 1;
SELECT region, city, sum(amount) FROM sales GROUP BY CUBE (region, city) HAVING grouping(region, city) = 2 ORDER BY 2;
-- Errors
SELECT region FROM sales WHERE grouping(region) = 0;
SELECT city, sum(amount) FROM sales GROUP BY ROLLUP (region);
SELECT grouping(city) FROM sales GROUP BY ROLLUP (region);
SELECT grouping(region) FROM sales;
SELECT sum(grouping(region)) FROM sales GROUP BY region;
