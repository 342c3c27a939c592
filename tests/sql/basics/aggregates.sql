-- covers: count/sum/avg/min/max, DISTINCT and FILTER in aggregates, GROUP BY, HAVING, aggregates over no rows
CREATE TABLE sales (id INT PRIMARY KEY, region TEXT, amount FLOAT, units INT, big BIGINT);
INSERT INTO sales VALUES
    (1, 'north', 10.5, 1, 10),
    (2, 'north', 20, 2, 20),
    (3, 'south', 5, 5, 30),
    (4, NULL, 1, 1, 40),
    (5, 'south', NULL, NULL, NULL),
    (6, 'east', 7.25, 3, 50);
SELECT count(*), count(units), count(DISTINCT region) FROM sales;
SELECT sum(units), min(units), max(units) FROM sales;
SELECT sum(amount), avg(amount), min(amount), max(amount) FROM sales;
SELECT min(region), max(region) FROM sales;
SELECT region, count(*) FROM sales GROUP BY region ORDER BY region;
SELECT region, sum(units) AS total FROM sales GROUP BY region ORDER BY total DESC NULLS LAST, region;
SELECT region, count(*) FROM sales GROUP BY region HAVING count(*) > 1 ORDER BY region;
SELECT region, max(amount) FROM sales GROUP BY 1 ORDER BY 1;
SELECT units % 2 AS parity, count(*) FROM sales GROUP BY units % 2 ORDER BY parity;
SELECT count(*) FILTER (WHERE units > 1) AS many, count(*) FILTER (WHERE region = 'north') AS north FROM sales;
SELECT count(*), sum(units), max(region) FROM sales WHERE id > 100;
SELECT region FROM sales WHERE id > 100 GROUP BY region;
SELECT count(*) > 3 AS lots FROM sales;
SELECT region, count(*) * 10 AS scaled FROM sales GROUP BY region HAVING min(units) >= 1 ORDER BY region;
SELECT DISTINCT region FROM sales ORDER BY region;
SELECT DISTINCT units > 2 FROM sales ORDER BY 1;
SELECT region, units FROM sales GROUP BY region;
SELECT id FROM sales WHERE count(*) > 1;
SELECT sum(count(*)) FROM sales;
SELECT sum(region) FROM sales;
DROP TABLE sales;
